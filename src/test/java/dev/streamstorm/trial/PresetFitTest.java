package dev.streamstorm.trial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.TraceRecord;
import dev.streamstorm.protocol.SampleStreams;
import dev.streamstorm.scenario.Preset;
import dev.streamstorm.scenario.Protocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every preset's own stream is named as that preset, and a stream no preset reads is named none.
 */
class PresetFitTest {
  private static final TraceRecord.Message M = new TraceRecord.Message(1, 1, "c", 1);

  private static EventData event(String type, String data) {
    return EventData.of(
        TraceRecord.received(M, 1, "event", type, "", null, data, false, "ignored"));
  }

  private static List<EventData> untyped(List<String> data) {
    return data.stream().map(d -> event("message", d)).toList();
  }

  private static Preset best(List<EventData> events) {
    return PresetFit.best(PresetFit.readAll(Protocol.SSE, events), events)
        .map(PresetFit.Reading::preset)
        .orElse(null);
  }

  @Test
  void openAiChat() {
    assertThat(best(untyped(SampleStreams.OPENAI_DATA))).isEqualTo(Preset.OPENAI_CHAT);
  }

  @Test
  void anthropicMessages() {
    List<EventData> events = new ArrayList<>();
    SampleStreams.ANTHROPIC_EVENTS.forEach(e -> events.add(event(e[0], e[1])));
    assertThat(best(events)).isEqualTo(Preset.ANTHROPIC_MESSAGES);
  }

  @Test
  void openAiResponses() {
    List<EventData> events = new ArrayList<>();
    events.add(event("response.created", "{\"type\":\"response.created\",\"response\":{}}"));
    for (String t : List.of("Hel", "lo")) {
      events.add(
          event(
              "response.output_text.delta",
              "{\"type\":\"response.output_text.delta\",\"delta\":\"" + t + "\"}"));
    }
    events.add(
        event(
            "response.completed",
            "{\"type\":\"response.completed\",\"response\":{\"usage\":{\"output_tokens\":2}}}"));
    assertThat(best(events)).isEqualTo(Preset.OPENAI_RESPONSES);
  }

  @Test
  void gemini() {
    assertThat(
            best(
                untyped(
                    List.of(
                        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}]}",
                        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}]}}],"
                            + "\"usageMetadata\":{\"candidatesTokenCount\":2}}"))))
        .isEqualTo(Preset.GEMINI);
  }

  @Test
  void vercelAi() {
    assertThat(
            best(
                untyped(
                    List.of(
                        "{\"type\":\"start\"}",
                        "{\"type\":\"text-delta\",\"id\":\"0\",\"delta\":\"Hel\"}",
                        "{\"type\":\"text-delta\",\"id\":\"0\",\"delta\":\"lo\"}",
                        "{\"type\":\"finish\"}",
                        "[DONE]"))))
        .isEqualTo(Preset.VERCEL_AI);
  }

  @Test
  void plainTextEventsAreTheTextPresetButJsonNever() {
    assertThat(best(untyped(List.of("Hel", "lo")))).isEqualTo(Preset.TEXT);
    assertThat(best(untyped(List.of("{\"x\":\"Hel\"}", "{\"x\":\"lo\"}")))).isNull();
  }

  @Test
  void noFitSaysWhyAndWhereTextMightBe() {
    List<EventData> events =
        untyped(List.of("{\"x\":{\"say\":\"Hel\"}}", "{\"x\":{\"say\":\"lo\"}}"));
    List<String> lines =
        PresetFit.verdict(
            Preset.OPENAI_CHAT,
            Protocol.SSE,
            events,
            "/chat",
            new Seen.Head(1, 200, "text/event-stream"),
            null,
            null);
    assertThat(lines.get(0)).startsWith("no preset fits: no preset's rules found answer text in 2");
    assertThat(lines.get(1)).contains("perhaps /x/say");
    assertThat(lines.get(2)).contains("openai-chat 0 tokens", "text (not for JSON)");
  }

  @Test
  void anHttpErrorOnAnotherPresetsPathNamesThatPreset() {
    List<String> lines =
        PresetFit.verdict(
            Preset.OPENAI_CHAT,
            Protocol.SSE,
            List.of(),
            "/v1/messages",
            new Seen.Head(1, 400, "application/json"),
            null,
            "HTTP 400: max_tokens: required");
    assertThat(lines)
        .containsExactly(
            "no preset fits: the server answered HTTP 400: max_tokens: required",
            "  /v1/messages is where anthropic-messages sends, with a request of its own: try"
                + " --preset anthropic-messages");
  }
}
