package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What each preset supplies, and how a file's keys replace it one by one. */
class PresetDefaultsTest {
  static final String BASE = "target: embedded\nload: { duration: 5s }\n";

  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void setUp() {
    f = new Fixture(dir);
  }

  @ParameterizedTest
  @EnumSource(Preset.class)
  void everyPresetLoadsAndNamesItsProtocol(Preset preset) {
    if (preset == Preset.GENERIC) {
      Scenario s = f.yaml(BASE + "preset: generic\nrequest: { path: /x }\nstream: { token: /t }\n");
      assertThat(s.stream().done()).isEmpty();
      return;
    }
    Scenario s = f.yaml(BASE + "preset: " + preset.id() + "\n");
    assertThat(s.protocol()).isEqualTo(preset.protocol());
    assertThat(s.stream().tokenizer()).isEqualTo(Tokenizer.O200K_BASE);
    assertThat(PresetRules.stream(preset)).isEqualTo(s.stream());
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
    assertThat(s.request().history())
        .contains(new HistoryFormat("messages", HistoryFormat.Shape.CHAT));
    StreamSpec spec = s.stream();
    assertThat(spec.answer())
        .isEqualTo(Channel.of(TokenSource.pointer("/choices/0/delta/content")));
    assertThat(spec.reasoning().orElseThrow().token())
        .isEqualTo(
            new TokenSource.Pointers(
                List.of("/choices/0/delta/reasoning_content", "/choices/0/delta/reasoning")));
    assertThat(spec.toolCall().orElseThrow().start())
        .isEqualTo(Match.jsonPresent("/choices/0/delta/tool_calls/0/id"));
    assertThat(spec.done()).contains(Match.data("[DONE]"));
    assertThat(spec.requireDone()).isFalse();
    assertThat(spec.tokenCount()).contains(UsageRule.at("/usage/completion_tokens"));
    assertThat(spec.reasoningCount())
        .contains(UsageRule.at("/usage/completion_tokens_details/reasoning_tokens"));
    assertThat(spec.inputCount()).contains(UsageRule.at("/usage/prompt_tokens"));
    assertThat(spec.tokenCountIncludesReasoning()).isTrue();
    assertThat(spec.error()).contains(Match.jsonPresent("/error"));
  }

  @Test
  void anthropicMessages() {
    Scenario s = f.yaml(BASE + "preset: anthropic-messages\n");
    assertThat(s.request().path().source()).isEqualTo("/v1/messages");
    assertThat(s.request().headers().get("anthropic-version").source()).isEqualTo("2023-06-01");
    assertThat(s.request().body().orElseThrow().tree().toString())
        .isEqualTo("{\"model\":\"bench\",\"max_tokens\":1024,\"stream\":true}");
    assertThat(s.stream().answer().when()).contains(Match.json("/delta/type", "text_delta"));
    assertThat(s.stream().done()).contains(Match.event("message_stop"));
    assertThat(s.stream().reasoningCount()).isEmpty();
  }

  @Test
  void geminiEndsOnCloseAndCountsWithoutReasoning() {
    Scenario s = f.yaml(BASE + "preset: gemini\n");
    assertThat(s.request().path().source())
        .isEqualTo("/v1beta/models/bench:streamGenerateContent?alt=sse");
    assertThat(s.request().history())
        .contains(new HistoryFormat("contents", HistoryFormat.Shape.GEMINI));
    assertThat(s.stream().done()).isEmpty();
    assertThat(s.stream().tokenCountIncludesReasoning()).isFalse();
  }

  @Test
  void a2aMatchesTheReplyToItsRequestById() {
    Scenario s = f.yaml(BASE + "preset: a2a\n");
    assertThat(s.stream().requireDone()).isTrue();
    assertThat(s.request().body().orElseThrow().templates())
        .containsKey("msg-${vu}-${iteration}-${turn}");
    assertThat(s.stream().done().orElseThrow()).isInstanceOf(Match.AllOf.class);
  }

  @Test
  void textTakesRawData() {
    Scenario s = f.yaml(BASE + "preset: text\n");
    assertThat(s.stream().answer().token()).isEqualTo(new TokenSource.RawData());
    assertThat(s.stream().done()).isEmpty();
  }

  @Test
  void realtimeIsAWebSocketPreset() {
    Scenario s = f.yaml(BASE + "preset: openai-realtime\n");
    assertThat(s.protocol()).isEqualTo(Protocol.WEBSOCKET);
    assertThat(s.websocket().path().source()).isEqualTo("/v1/realtime?model=bench");
    assertThat(s.websocket().message().tree().at("/type").textValue()).isEqualTo("response.create");
  }

  @Test
  void websocketJson() {
    Scenario s = f.yaml(BASE + "preset: websocket-json\n");
    assertThat(s.protocol()).isEqualTo(Protocol.WEBSOCKET);
    assertThat(s.websocket().path().source()).isEqualTo("/ws");
    assertThat(s.stream().answer())
        .isEqualTo(
            new Channel(
                TokenSource.pointer("/content"), Optional.of(Match.json("/type", "token"))));
    assertThat(s.stream().done()).contains(Match.json("/type", "done"));
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
    assertThat(s.request().history()).isEmpty();
    assertThat(s.stream())
        .isEqualTo(
            StreamSpec.builder()
                .token("/content")
                .done(Match.event("done"))
                .usage("llm_calls", UsageRule.at("/usage/llm_calls"))
                .tokenizer(Tokenizer.O200K_BASE)
                .build());
  }

  @Test
  void streamKeysReplaceThePresetsOneByOne() {
    StreamSpec s =
        f
            .yaml(
                BASE
                    + "preset: anthropic-messages\n"
                    + "stream: { done: { json: /type, equals: end }, tokenCount: /u/n }\n")
            .stream();
    assertThat(s.answer().token()).isEqualTo(TokenSource.pointer("/delta/text"));
    assertThat(s.done()).contains(Match.json("/type", "end"));
    assertThat(s.tokenCount()).contains(UsageRule.at("/u/n"));
    assertThat(s.error()).contains(Match.event("error"));
    assertThat(s.reasoning()).isPresent();
  }

  @Test
  void aNullStreamKeyRemovesThePresetsRule() {
    StreamSpec s =
        f
            .yaml(
                BASE
                    + "preset: websocket-json\nstream:\n  tokenWhen: ~\n  tokenCount: null\n"
                    + "  error:\n  toolCall: ~\n")
            .stream();
    assertThat(s.answer().when()).isEmpty();
    assertThat(s.tokenCount()).isEmpty();
    assertThat(s.error()).isEmpty();
    assertThat(s.toolCall()).isEmpty();
    assertThat(s.done()).contains(Match.json("/type", "done"));
  }

  @Test
  void aFileBodyWithTheHistoryKeyCarriesNoHistory() {
    Scenario s =
        f.yaml(
            BASE
                + "preset: openai-chat\n"
                + "request: { body: { model: m, messages: [ { role: user, content: \"${message}\" } ] } }\n");
    assertThat(s.request().history()).isEmpty();
  }
}
