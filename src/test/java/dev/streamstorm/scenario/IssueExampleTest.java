package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario block of issue 3, as written there, loads into the expected model. One name changed:
 * its usage {@code tool_calls} is now the built-in metric of the tool-call channel (issue 19),
 * which a usage name may not shadow, so the agent's own count is named {@code agent_tool_calls}.
 */
class IssueExampleTest {

  static final String ISSUE_3 =
      """
      name: support-agent
      target: http://127.0.0.1:8080          # or: embedded
      protocol: sse                          # sse | websocket
      preset: openai-chat                    # openai-chat | anthropic-messages | generic | websocket-json
      headers: { Authorization: "Bearer ${env:API_KEY}" }
      request:                               # what one message sends; presets give defaults
        method: POST
        path: /v1/chat/completions
        body: { model: bench, stream: true }  # JSON template; ${message}, ${env:X}, ${vu} … substituted
      stream:                                # generic preset: where tokens are and when a message is done
        token: /choices/0/delta/content      # JSON Pointer into each event's data (or WebSocket frame)
        tokenWhen: { json: /type, equals: token }   # optional filter
        done: { data: "[DONE]" }             # or { event: message_stop } or { json: /type, equals: done }
        usage:                               # optional: numbers the server reports (e.g. in its done event),
          llm_calls: /usage/llm_calls        #   recorded per message and summarised (mean, p95, max)
          agent_tool_calls: /usage/tool_calls
      session:                               # optional: once per virtual user, before its first message
        request: { method: POST, path: /api/sessions, body: { user_id: "loadtest-${vu}" } }
        extract: { session_id: /session_id } # JSON Pointer into the response; later usable as ${session_id}
      load: { vus: 100, duration: 60s }
      conversations:
        - name: simple
          weight: 3
          turns: ["What are your business hours?"]
        - name: multi_turn
          weight: 1
          turns: ["I need help with my account", "My email is test@example.com", "Change my plan to premium"]
      timeouts: { firstToken: 30s, message: 120s }
      """;

  @TempDir Path dir;

  @Test
  void loadsAsWritten() {
    Scenario s = new Fixture(dir).yaml(ISSUE_3);

    assertThat(s.name()).isEqualTo("support-agent");
    assertThat(s.target()).isEqualTo(Target.of(URI.create("http://127.0.0.1:8080")));
    assertThat(s.protocol()).isEqualTo(Protocol.SSE);
    assertThat(s.preset()).isEqualTo(Preset.OPENAI_CHAT);
    assertThat(s.headers()).containsOnlyKeys("Authorization");
    assertThat(s.headers().get("Authorization").parts())
        .containsExactly(new Template.Literal("Bearer "), new Template.Env("API_KEY"));
    assertThat(s.request().method()).isEqualTo("POST");
    assertThat(s.request().path().source()).isEqualTo("/v1/chat/completions");
    assertThat(s.request().body().orElseThrow().tree().toString())
        .isEqualTo("{\"model\":\"bench\",\"stream\":true}");
    assertThat(s.stream().answer().token())
        .isEqualTo(TokenSource.pointer("/choices/0/delta/content"));
    assertThat(s.stream().answer().when()).contains(Match.json("/type", "token"));
    assertThat(s.stream().done()).contains(Match.data("[DONE]"));
    assertThat(s.stream().tokenCount()).contains(UsageRule.at("/usage/completion_tokens"));
    assertThat(s.stream().usage())
        .containsExactly(
            java.util.Map.entry("llm_calls", UsageRule.at("/usage/llm_calls")),
            java.util.Map.entry("agent_tool_calls", UsageRule.at("/usage/tool_calls")));
    SessionSpec.Step session = s.session().orElseThrow().steps().get(0);
    assertThat(session.request().path().source()).isEqualTo("/api/sessions");
    assertThat(session.request().body().orElseThrow().templates()).containsKey("loadtest-${vu}");
    assertThat(session.extract()).containsEntry("session_id", new Location.Json("/session_id"));
    LoadSpec.Closed load = (LoadSpec.Closed) s.load();
    assertThat(load.vus()).isEqualTo(100);
    assertThat(load.limits().duration()).contains(Duration.ofSeconds(60));
    assertThat(s.conversations())
        .extracting(ConversationSpec::name)
        .containsExactly("simple", "multi_turn");
    assertThat(s.conversations()).extracting(ConversationSpec::weight).containsExactly(3.0, 1.0);
    assertThat(s.conversations().get(1).turns()).hasSize(3);
    assertThat(s.timeouts())
        .isEqualTo(
            new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120)));
    assertThat(s.retry()).isEqualTo(Optional.empty());
    assertThat(s.source()).endsWith("s.yaml");
  }
}
