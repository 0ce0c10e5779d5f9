package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.scenario.StreamSpec.Match;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each preset supplies, and how a file's keys replace it one by one. */
class PresetDefaultsTest {
  static final String BASE = "target: embedded\nload: { duration: 5s }\n";

  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void setUp() {
    f = new Fixture(dir);
  }

  @Test
  void openaiChat() {
    Scenario s = f.yaml(BASE + "preset: openai-chat\n");
    assertThat(s.protocol()).isEqualTo(Protocol.SSE);
    assertThat(s.request().method()).isEqualTo("POST");
    assertThat(s.request().path().source()).isEqualTo("/v1/chat/completions");
    assertThat(s.request().headers()).isEmpty();
    assertThat(s.request().body().orElseThrow().tree().toString())
        .isEqualTo(
            "{\"model\":\"bench\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    assertThat(s.stream())
        .isEqualTo(
            new StreamSpec(
                "/choices/0/delta/content",
                Optional.empty(),
                Match.data("[DONE]"),
                Optional.of("/usage/completion_tokens"),
                Map.of(),
                Optional.of(Match.jsonPresent("/error"))));
  }

  @Test
  void anthropicMessages() {
    Scenario s = f.yaml(BASE + "preset: anthropic-messages\n");
    assertThat(s.protocol()).isEqualTo(Protocol.SSE);
    assertThat(s.request().path().source()).isEqualTo("/v1/messages");
    assertThat(s.request().headers().get("anthropic-version").source()).isEqualTo("2023-06-01");
    assertThat(s.request().body().orElseThrow().tree().toString())
        .isEqualTo("{\"model\":\"bench\",\"max_tokens\":1024,\"stream\":true}");
    assertThat(s.stream())
        .isEqualTo(
            new StreamSpec(
                "/delta/text",
                Optional.of(Match.event("content_block_delta")),
                Match.event("message_stop"),
                Optional.of("/usage/output_tokens"),
                Map.of(),
                Optional.of(Match.event("error"))));
  }

  @Test
  void websocketJson() {
    Scenario s = f.yaml(BASE + "preset: websocket-json\n");
    assertThat(s.protocol()).isEqualTo(Protocol.WEBSOCKET);
    assertThat(s.websocket().path().source()).isEqualTo("/ws");
    assertThat(s.stream())
        .isEqualTo(
            new StreamSpec(
                "/content",
                Optional.of(Match.json("/type", "token")),
                Match.json("/type", "done"),
                Optional.of("/usage/tokens"),
                Map.of(),
                Optional.of(Match.json("/type", "error"))));
  }

  @Test
  void genericTakesItsRulesFromTheFile() {
    Scenario s =
        f.yaml(
            BASE
                + "preset: generic\n"
                + "request: { path: \"/api/sessions/${vu}/messages\", body: { content: \"${message}\" } }\n"
                + "stream: { token: /content, done: { event: done }, usage: { llm_calls: /usage/llm_calls } }\n");
    assertThat(s.request().method()).isEqualTo("POST");
    assertThat(s.request().path().parts()).contains(new Template.Variable("vu"));
    assertThat(s.stream())
        .isEqualTo(
            new StreamSpec(
                "/content",
                Optional.empty(),
                Match.event("done"),
                Optional.empty(),
                Map.of("llm_calls", "/usage/llm_calls"),
                Optional.empty()));
  }

  @Test
  void streamKeysReplaceThePresetsOneByOne() {
    StreamSpec s =
        f
            .yaml(
                BASE
                    + "preset: anthropic-messages\nstream: { done: { json: /type, equals: end }, tokenCount: /u/n }\n")
            .stream();
    assertThat(s.token()).isEqualTo("/delta/text");
    assertThat(s.tokenWhen()).contains(Match.event("content_block_delta"));
    assertThat(s.done()).isEqualTo(Match.json("/type", "end"));
    assertThat(s.tokenCount()).contains("/u/n");
    assertThat(s.error()).contains(Match.event("error"));
  }

  @Test
  void aNullStreamKeyRemovesThePresetsOptionalRule() {
    StreamSpec s =
        f
            .yaml(
                BASE
                    + "preset: websocket-json\nstream:\n  tokenWhen: ~\n  tokenCount: null\n  error:\n")
            .stream();
    assertThat(s.tokenWhen()).isEmpty();
    assertThat(s.tokenCount()).isEmpty();
    assertThat(s.error()).isEmpty();
    assertThat(s.done()).isEqualTo(Match.json("/type", "done"));
  }

  @Test
  void matchForms() {
    StreamSpec s =
        f
            .yaml(
                BASE
                    + "stream:\n  tokenWhen: { event: delta }\n  done: { data: \"[END]\" }\n"
                    + "  error: { json: /error/message }\n")
            .stream();
    assertThat(s.tokenWhen()).contains(Match.event("delta"));
    assertThat(s.done()).isEqualTo(Match.data("[END]"));
    assertThat(s.error()).contains(Match.jsonPresent("/error/message"));
    assertThat(f.yaml(BASE + "stream: { done: { json: /final, equals: true } }\n").stream().done())
        .isEqualTo(Match.json("/final", "true"));
  }
}
