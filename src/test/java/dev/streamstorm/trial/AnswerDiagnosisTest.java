package dev.streamstorm.trial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.TraceRecord;
import dev.streamstorm.protocol.SampleStreams;
import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.StreamSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a message without answer text saw instead, concretely. */
class AnswerDiagnosisTest {
  private static final TraceRecord.Message M = new TraceRecord.Message(1, 1, "c", 1);
  private static final Seen.Head SSE_OK = new Seen.Head(1, 200, "text/event-stream");

  private static EventData event(String type, String data) {
    return EventData.of(
        TraceRecord.received(M, 1, "event", type, "", null, data, false, "ignored"));
  }

  private static List<String> explain(StreamSpec spec, List<EventData> events, Seen.Head head) {
    return AnswerDiagnosis.explain(spec, Protocol.SSE, events, 0, head);
  }

  @Test
  void aWrongPointerNamesWhatWasThereAndWhereTheTextIs() {
    List<EventData> events =
        SampleStreams.OPENAI_DATA.stream().map(d -> event("message", d)).toList();
    List<String> lines =
        explain(StreamSpec.builder().token("/choices/0/delta/text").build(), events, SSE_OK);
    assertThat(lines.get(0))
        .isEqualTo("0 answer tokens: 12 events, none had a string at /choices/0/delta/text");
    assertThat(lines.get(1)).isEqualTo("  /choices/0/delta/text: absent in 11");
    assertThat(lines.get(2)).isEqualTo("  1 event was not JSON, such as \"[DONE]\"");
    assertThat(lines.get(3))
        .isEqualTo(
            "  strings that change from event to event: /choices/0/delta/content (in 8 events, 8"
                + " values)");
    assertThat(lines.get(4)).startsWith("  the first: message {\"id\":\"chatcmpl-1\"");
  }

  @Test
  void aPointerAtSomethingElseSaysWhatItHeld() {
    List<EventData> events =
        List.of(event("message", "{\"t\":1}"), event("message", "{\"t\":\"\"}"));
    List<String> lines = explain(StreamSpec.builder().token("/t").build(), events, SSE_OK);
    assertThat(lines.get(1)).isEqualTo("  /t: a number in 1, an empty string in 1");
  }

  @Test
  void aFilterThatNeverHoldsShowsTheTypesThatCame() {
    List<EventData> events =
        List.of(
            event("token", "{\"type\":\"token\",\"content\":\"a\"}"),
            event("token", "{\"type\":\"token\",\"content\":\"b\"}"),
            event("done", "{\"type\":\"done\"}"));
    List<String> lines =
        explain(
            StreamSpec.builder().token("/content", Match.json("/type", "delta")).build(),
            events,
            SSE_OK);
    assertThat(lines)
        .startsWith(
            "0 answer tokens: 3 events, and tokenWhen (/type == \"delta\") held for none of them",
            "  event types seen: token ×2, done ×1",
            "  values at /type: \"token\" ×2, \"done\" ×1");
  }

  @Test
  void noEventsSaysWhatTheResponseWas() {
    StreamSpec spec = StreamSpec.builder().token("/t").build();
    assertThat(explain(spec, List.of(), new Seen.Head(1, 200, "text/plain")).get(0))
        .isEqualTo("0 answer tokens: no events: not an event stream: Content-Type text/plain");
    assertThat(explain(spec, List.of(), new Seen.Head(1, 200, "application/json")).get(0))
        .contains("does the request ask for a stream");
    assertThat(explain(spec, List.of(), SSE_OK).get(0))
        .isEqualTo("0 answer tokens: no events: the event stream held none");
  }
}
