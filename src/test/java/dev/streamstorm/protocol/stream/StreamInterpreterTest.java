package dev.streamstorm.protocol.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamstorm.protocol.SampleStreams;
import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.StreamSpec.Match;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The interpretation rules one by one, on small hand-written events and frames. */
class StreamInterpreterTest {

  private final RecordingSink sink = new RecordingSink();

  private List<String> frames(StreamSpec spec, String... frames) {
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    for (String frame : frames) {
      interpreter.onTextFrame(frame, sink);
    }
    return sink.calls;
  }

  private static StreamSpec doneWhen(String pointer, String equals) {
    return new StreamSpec(
        "/content",
        Optional.empty(),
        Match.json(pointer, equals),
        Optional.empty(),
        Map.of(),
        Optional.empty());
  }

  @Test
  void roleOnlyEmptyAndNonStringContentAreNotTokens() {
    assertThat(
            frames(
                Specs.OPENAI_CHAT,
                SampleStreams.OPENAI_ROLE_CHUNK,
                SampleStreams.openAiContentChunk(""),
                "{\"choices\":[{\"delta\":{\"content\":null}}]}",
                "{\"choices\":[{\"delta\":{\"content\":7}}]}",
                "{\"choices\":[{\"delta\":{\"content\":{\"text\":\"x\"}}}]}",
                "{}"))
        .isEmpty();
  }

  @Test
  void tokenWhenJsonRuleFiltersTokensWhereverItStandsInTheObject() {
    assertThat(
            frames(
                Specs.GENERIC_SESSION_API,
                "{\"content\":\"before\",\"type\":\"token\"}",
                "{\"type\":\"status\",\"content\":\"thinking\"}",
                "{\"content\":\"no type\"}"))
        .containsExactly("token:before");
  }

  @Test
  void eventRulesNeverMatchWebSocketFrames() {
    StreamSpec spec =
        new StreamSpec(
            "/text",
            Optional.of(Match.event("message")),
            Match.event("message"),
            Optional.empty(),
            Map.of(),
            Optional.of(Match.event("message")));
    assertThat(frames(spec, "{\"text\":\"x\"}")).isEmpty();
  }

  @Test
  void eventRuleMatchesTheDefaultMessageTypeOfSseEvents() {
    StreamSpec spec =
        new StreamSpec(
            "/text",
            Optional.of(Match.event("message")),
            Match.event("end"),
            Optional.empty(),
            Map.of(),
            Optional.empty());
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    SseDecoder decoder = new SseDecoder(event -> interpreter.onSseEvent(event, sink));
    byte[] stream =
        "data: {\"text\":\"a\"}\n\nevent: other\ndata: {\"text\":\"b\"}\n\nevent: end\ndata: {}\n\n"
            .getBytes(StandardCharsets.UTF_8);
    decoder.feed(stream, 0, stream.length);
    assertThat(sink.calls).containsExactly("token:a", "done");
  }

  @Test
  void doneByEventStillYieldsTheNumbersItsDataCarries() {
    StreamSpec spec =
        new StreamSpec(
            "/content",
            Optional.empty(),
            Match.event("done"),
            Optional.of("/usage/tokens"),
            Map.of("llm_calls", "/usage/llm_calls"),
            Optional.empty());
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    SseDecoder decoder = new SseDecoder(event -> interpreter.onSseEvent(event, sink));
    byte[] stream =
        "event: done\ndata: {\"usage\":{\"llm_calls\":3,\"tokens\":9}}\n\n"
            .getBytes(StandardCharsets.UTF_8);
    decoder.feed(stream, 0, stream.length);
    assertThat(sink.calls).containsExactly("count:9", "usage:llm_calls=3.0", "done");
  }

  @Test
  void doneByDataIsCheckedBeforeAnyParsing() {
    assertThat(frames(Specs.OPENAI_CHAT, "[DONE]")).containsExactly("done");
  }

  @Test
  void eventsThatCannotMatterAreNotParsed() {
    // tokenWhen's event does not match and no other pointer rule exists: not even malformed.
    StreamSpec spec =
        new StreamSpec(
            "/text",
            Optional.of(Match.event("delta")),
            Match.event("stop"),
            Optional.empty(),
            Map.of(),
            Optional.empty());
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    SseDecoder decoder = new SseDecoder(event -> interpreter.onSseEvent(event, sink));
    byte[] stream = "event: ping\ndata: not json\n\n".getBytes(StandardCharsets.UTF_8);
    decoder.feed(stream, 0, stream.length);
    assertThat(sink.calls).isEmpty();
  }

  @Test
  void specWithoutJsonRulesNeverParses() {
    StreamSpec spec =
        new StreamSpec(
            null,
            Optional.empty(),
            Match.data("bye"),
            Optional.empty(),
            Map.of(),
            Optional.empty());
    assertThat(frames(spec, "plain text", "bye")).containsExactly("done");
  }

  @Test
  void malformedDataIsReportedWithAShortReason() {
    frames(
        Specs.OPENAI_CHAT,
        "{\"choices\":[{\"delta\":{\"content\":\"cut",
        "not json",
        "{\"choices\":[]} trailing",
        "{} {}",
        "",
        "   ");
    assertThat(sink.calls).hasSize(6);
    assertThat(sink.calls.get(0)).isEqualTo("malformed:invalid JSON: the data ends inside a value");
    assertThat(sink.calls.subList(1, 6))
        .containsExactly(
            "malformed:invalid JSON: unrecognized token 'not' at byte 0",
            "malformed:unexpected content after the JSON value",
            "malformed:unexpected content after the JSON value",
            "malformed:no complete JSON value",
            "malformed:no complete JSON value");
    assertThat(sink.calls).allSatisfy(call -> assertThat(call.length()).isLessThan(160));
  }

  @Test
  void aMalformedEventDoesNotDisturbTheNextOne() {
    assertThat(
            frames(
                Specs.OPENAI_CHAT,
                "{\"choices\":[{\"delta\":{\"content\":\"cut",
                SampleStreams.openAiContentChunk("next"),
                "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]} x",
                SampleStreams.openAiContentChunk("after")))
        .hasSize(4)
        .startsWith("malformed:invalid JSON: the data ends inside a value", "token:next")
        .endsWith("token:after");
    assertThat(sink.calls.get(2)).isEqualTo("malformed:unexpected content after the JSON value");
  }

  @Test
  void pointerEscapesSelectKeysWithSlashAndTilde() {
    assertThat(
            frames(
                Specs.tokenAt("/a~1b/m~0n"),
                "{\"a\":{\"b\":{\"m~n\":\"wrong\"}},\"a/b\":{\"m~n\":\"right\"}}"))
        .containsExactly("token:right");
  }

  @Test
  void arrayIndexOutOfRangeFindsNothing() {
    assertThat(
            frames(
                Specs.tokenAt("/choices/1/delta/content"),
                SampleStreams.openAiContentChunk("first choice only"),
                "{\"choices\":[{\"delta\":{\"content\":\"a\"}},{\"delta\":{\"content\":\"b\"}}]}"))
        .containsExactly("token:b");
  }

  @Test
  void indexWithLeadingZeroIsAKeyNotAnArrayIndex() {
    assertThat(
            frames(
                Specs.tokenAt("/list/01"), "{\"list\":[\"a\",\"b\"]}", "{\"list\":{\"01\":\"k\"}}"))
        .containsExactly("token:k");
  }

  @Test
  void deepNestingOutsideThePointersIsSkipped() {
    String deep = "[".repeat(500) + "{\"content\":\"decoy\"}" + "]".repeat(500);
    assertThat(
            frames(
                Specs.tokenAt("/content"),
                "{\"deep\":" + deep + ",\"other\":{\"content\":\"decoy\"},\"content\":\"real\"}"))
        .containsExactly("token:real");
  }

  @Test
  void equalsComparesStringsUnquotedAndNumbersAndLiteralsAsWritten() {
    assertThat(
            frames(
                doneWhen("/code", "2"),
                "{\"code\":2.0}",
                "{\"code\":\"2 \"}",
                "{\"code\":[2]}",
                "{\"code\":2}",
                "{\"code\":\"2\"}"))
        .containsExactly("done", "done");
    sink.calls.clear();
    assertThat(frames(doneWhen("/ok", "true"), "{\"ok\":\"true\"}", "{\"ok\":true}"))
        .containsExactly("done", "done");
    sink.calls.clear();
    assertThat(frames(doneWhen("/v", "null"), "{\"v\":null}", "{\"v\":1e3}"))
        .containsExactly("done");
    sink.calls.clear();
    assertThat(frames(doneWhen("/v", "1e3"), "{\"v\":1e3}", "{\"v\":1000}"))
        .containsExactly("done");
  }

  @Test
  void usageAndTokenCountTakeNumbersOnly() {
    assertThat(
            frames(
                Specs.GENERIC_SESSION_API,
                "{\"type\":\"done\",\"usage\":{\"llm_calls\":\"2\",\"tool_calls\":1.5,\"tokens\":\"9\"}}",
                "{\"type\":\"done\",\"usage\":{\"tokens\":12.0}}"))
        .containsExactly("usage:tool_calls=1.5", "done", "count:12", "done");
  }

  @Test
  void wholeDocumentPointerReadsRootValues() {
    StreamSpec spec =
        new StreamSpec(
            "",
            Optional.empty(),
            Match.data("."),
            Optional.empty(),
            Map.of("value", ""),
            Optional.empty());
    assertThat(frames(spec, "\"hello\"", "42", "-1.5 ", "{\"a\":1}", "true"))
        .containsExactly("token:hello", "usage:value=42.0", "usage:value=-1.5");
  }

  @Test
  void manyEventsInARowKeepWorking() {
    // Crosses the parser replacement that bounds its field-name table.
    StreamInterpreter interpreter = StreamInterpreter.compile(Specs.OPENAI_CHAT);
    int[] tokens = {0};
    StreamSink counting =
        new RecordingSink() {
          @Override
          public void onToken(char[] text, int offset, int length) {
            tokens[0]++;
          }
        };
    byte[] chunk = SampleStreams.utf8(SampleStreams.openAiContentChunk("t"));
    for (int i = 0; i < 25_000; i++) {
      interpreter.onTextFrame(chunk, 0, chunk.length, counting);
    }
    assertThat(tokens[0]).isEqualTo(25_000);
  }

  @Test
  void oneInterpreterServesManyThreadsAtOnce() throws Exception {
    StreamInterpreter interpreter = StreamInterpreter.compile(Specs.ANTHROPIC_MESSAGES);
    byte[] stream = SampleStreams.utf8(SampleStreams.ANTHROPIC_MESSAGES);
    List<String> expected = new ArrayList<>(RecordingSink.tokens(SampleStreams.ANTHROPIC_TOKENS));
    expected.add("count:15");
    expected.add("done");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    RecordingSink own = new RecordingSink();
                    SseDecoder decoder = new SseDecoder(e -> interpreter.onSseEvent(e, own));
                    decoder.feed(stream, 0, stream.length);
                    if (!own.calls.equals(expected)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSinkFeedingTheInterpreterFromItsCallbackIsRefused() {
    StreamInterpreter interpreter = StreamInterpreter.compile(Specs.tokenAt("/t"));
    StreamSink reentrant =
        new RecordingSink() {
          @Override
          public void onToken(char[] text, int offset, int length) {
            interpreter.onTextFrame("{\"t\":\"again\"}", this);
          }
        };
    assertThatThrownBy(() -> interpreter.onTextFrame("{\"t\":\"x\"}", reentrant))
        .isInstanceOf(IllegalStateException.class);
    interpreter.onTextFrame("{\"t\":\"y\"}", sink);
    assertThat(sink.calls).containsExactly("token:y");
  }

  @Test
  void invalidRulesAreRefusedAtCompileTime() {
    assertThatThrownBy(() -> StreamInterpreter.compile(Specs.tokenAt("choices/0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token: 'choices/0' is not a JSON Pointer");
    Match none = new Match(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    assertThatThrownBy(
            () ->
                StreamInterpreter.compile(
                    new StreamSpec(
                        "/t",
                        Optional.empty(),
                        none,
                        Optional.empty(),
                        Map.of(),
                        Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("done: expected exactly one of event, data or json");
  }

  @Test
  void jsonRuleWithoutEqualsMatchesAnyNonNullValueThere() {
    Match errorPresent = Match.jsonPresent("/error");
    StreamSpec spec =
        new StreamSpec(
            "/choices/0/delta/content",
            Optional.empty(),
            Match.data("[DONE]"),
            Optional.empty(),
            Map.of(),
            Optional.of(errorPresent));
    assertThat(
            frames(
                spec,
                "{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"a\"}}]}",
                "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}",
                "{\"error\":\"plain\"}"))
        .hasSize(3)
        .first()
        .isEqualTo("token:a");
    assertThat(sink.calls.get(1)).startsWith("error:");
    assertThat(sink.calls.get(2)).startsWith("error:");
  }
}
