package dev.streamstorm.protocol.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamstorm.protocol.SampleStreams;
import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.scenario.Channel;
import dev.streamstorm.scenario.Location;
import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.Template;
import dev.streamstorm.scenario.TemplateContext;
import dev.streamstorm.scenario.TokenSource;
import dev.streamstorm.scenario.UsageRule;
import java.math.BigDecimal;
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
      interpreter.onTextFrame(frame, 0L, sink);
    }
    return sink.calls;
  }

  private static StreamSpec doneWhen(String pointer, String equals) {
    return StreamSpec.builder().token("/content").done(Match.json(pointer, equals)).build();
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
        StreamSpec.builder()
            .token("/text", Match.event("message"))
            .done(Match.event("message"))
            .error(Match.event("message"))
            .build();
    assertThat(frames(spec, "{\"text\":\"x\"}")).isEmpty();
  }

  @Test
  void eventRuleMatchesTheDefaultMessageTypeOfSseEvents() {
    StreamSpec spec =
        StreamSpec.builder()
            .token("/text", Match.event("message"))
            .done(Match.event("end"))
            .build();
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    SseDecoder decoder = new SseDecoder(event -> interpreter.onSseEvent(event, 0L, sink));
    byte[] stream =
        "data: {\"text\":\"a\"}\n\nevent: other\ndata: {\"text\":\"b\"}\n\nevent: end\ndata: {}\n\n"
            .getBytes(StandardCharsets.UTF_8);
    decoder.feed(stream, 0, stream.length);
    assertThat(sink.calls).containsExactly("token:a", "done");
  }

  @Test
  void doneByEventStillYieldsTheNumbersItsDataCarries() {
    StreamSpec spec =
        StreamSpec.builder()
            .token("/content")
            .done(Match.event("done"))
            .tokenCount("/usage/tokens")
            .usage("llm_calls", UsageRule.at("/usage/llm_calls"))
            .build();
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    SseDecoder decoder = new SseDecoder(event -> interpreter.onSseEvent(event, 0L, sink));
    byte[] stream =
        "event: done\ndata: {\"usage\":{\"llm_calls\":3,\"tokens\":9}}\n\n"
            .getBytes(StandardCharsets.UTF_8);
    decoder.feed(stream, 0, stream.length);
    assertThat(sink.calls).containsExactly("count:9", "usage0=3.0", "done");
  }

  @Test
  void doneByDataIsCheckedBeforeAnyParsing() {
    assertThat(frames(Specs.OPENAI_CHAT, "[DONE]")).containsExactly("done");
  }

  @Test
  void eventsThatCannotMatterAreNotParsed() {
    // tokenWhen's event does not match and no other pointer rule exists: not even malformed.
    StreamSpec spec =
        StreamSpec.builder().token("/text", Match.event("delta")).done(Match.event("stop")).build();
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    SseDecoder decoder = new SseDecoder(event -> interpreter.onSseEvent(event, 0L, sink));
    byte[] stream = "event: ping\ndata: not json\n\n".getBytes(StandardCharsets.UTF_8);
    decoder.feed(stream, 0, stream.length);
    assertThat(sink.calls).isEmpty();
  }

  @Test
  void specWithoutJsonRulesNeverParses() {
    StreamSpec spec =
        StreamSpec.builder()
            .answer(Channel.of(new TokenSource.RawData()))
            .done(Match.data("bye"))
            .build();
    assertThat(frames(spec, "plain text", "{not json", "bye"))
        .containsExactly("token:plain text", "token:{not json", "done");
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
  void equalsComparesWithTheJsonTypeOfTheValueWritten() {
    // A string equals only a string: not the number 2, not the text of another type.
    assertThat(
            frames(
                doneWhen("/code", "2"),
                "{\"code\":2.0}",
                "{\"code\":\"2 \"}",
                "{\"code\":[2]}",
                "{\"code\":2}",
                "{\"code\":\"2\"}"))
        .containsExactly("done");
    sink.calls.clear();
    // A number equals a number of the same value, however it is written.
    assertThat(
            frames(
                done(json("/code", new Match.Number(new BigDecimal("2")))),
                "{\"code\":2.0}",
                "{\"code\":\"2\"}",
                "{\"code\":20e-1}",
                "{\"code\":2}",
                "{\"code\":true}"))
        .containsExactly("done", "done", "done");
    sink.calls.clear();
    assertThat(
            frames(
                done(json("/ok", new Match.Bool(true))),
                "{\"ok\":\"true\"}",
                "{\"ok\":1}",
                "{\"ok\":true}",
                "{\"ok\":false}"))
        .containsExactly("done");
    sink.calls.clear();
    assertThat(
            frames(
                done(json("/v", new Match.Null())),
                "{\"v\":null}",
                "{\"v\":\"null\"}",
                "{}",
                "{\"v\":0}"))
        .containsExactly("done");
  }

  @Test
  void aTemplatedEqualsComparesWithThisMessagesValue() {
    Template id =
        new Template(
            "msg-${vu}", List.of(new Template.Literal("msg-"), new Template.Variable("vu")));
    StreamSpec spec =
        StreamSpec.builder().token("/t").done(json("/id", new Match.Text(id))).build();
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    String[] values = interpreter.renderMatchValues(new FixedVariables(Map.of("vu", "7")));
    assertThat(values).containsExactly("msg-7");
    RecordingSink mine = new RecordingSink(values);
    interpreter.onTextFrame("{\"id\":\"msg-70\"}", 0L, mine);
    interpreter.onTextFrame("{\"id\":\"msg-8\"}", 0L, mine);
    interpreter.onTextFrame("{\"id\":\"msg-7\"}", 0L, mine);
    assertThat(mine.calls).containsExactly("done");
  }

  @Test
  void anyOfAllOfAndNotCombineRules() {
    Match type = Match.json("/type", "delta");
    Match final_ = json("/final", new Match.Bool(true));
    StreamSpec spec =
        StreamSpec.builder()
            .token("/t", new Match.AllOf(List.of(type, new Match.Not(final_))))
            .done(new Match.AnyOf(List.of(Match.data("[END]"), final_)))
            .build();
    assertThat(
            frames(
                spec,
                "{\"type\":\"delta\",\"t\":\"a\"}",
                "{\"type\":\"other\",\"t\":\"b\"}",
                "{\"type\":\"delta\",\"t\":\"c\",\"final\":true}",
                "[END]"))
        .containsExactly("token:a", "done", "done");
  }

  @Test
  void anEventNameRuleDecidesWithoutParsingAndAJsonRuleWaitsForTheScan() {
    // Not json, but the done rule is decided by the event name alone.
    StreamSpec spec =
        StreamSpec.builder()
            .token("/t", Match.event("delta"))
            .done(new Match.AnyOf(List.of(Match.event("end"), Match.json("/type", "end"))))
            .build();
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    SseDecoder decoder = new SseDecoder(event -> interpreter.onSseEvent(event, 0L, sink));
    byte[] stream =
        ("event: end\ndata: not json\n\n"
                + "data: {\"type\":\"end\"}\n\n"
                + "event: delta\ndata: {\"t\":\"x\"}\n\n")
            .getBytes(StandardCharsets.UTF_8);
    decoder.feed(stream, 0, stream.length);
    assertThat(sink.calls).containsExactly("done", "done", "token:x");
  }

  @Test
  void reasoningAndToolCallChannelsAreReportedApartFromTheAnswer() {
    List<String> calls = new ArrayList<>();
    StreamInterpreter interpreter = StreamInterpreter.compile(Specs.OPENAI_PRESET);
    RecordingSink mine = new RecordingSink();
    for (String chunk :
        List.of(
            "{\"choices\":[{\"delta\":{\"reasoning_content\":\"Think\"}}]}",
            "{\"choices\":[{\"delta\":{\"reasoning\":\" more\"}}]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,"
                + "\"function\":{\"arguments\":\"{}\"}}]}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"Answer\"}}]}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":9,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":5}}}",
            "[DONE]")) {
      calls.add(interpreter.onTextFrame(chunk, 0L, mine).id());
    }
    assertThat(mine.calls)
        .containsExactly(
            "reasoning:Think",
            "reasoning: more",
            "tool",
            "token:Answer",
            "count:9",
            "reasoningCount:5",
            "inputCount:3",
            "done");
    assertThat(calls)
        .containsExactly("reasoning", "reasoning", "tool", "tool", "token", "usage", "done");
  }

  @Test
  void theFirstOfSeveralTokenPointersWithAStringWins() {
    StreamSpec spec =
        StreamSpec.builder()
            .answer(Channel.of(new TokenSource.Pointers(List.of("/a", "/b"))))
            .done(Match.data("."))
            .build();
    assertThat(
            frames(
                spec,
                "{\"b\":\"second\",\"a\":\"first\"}",
                "{\"a\":\"\",\"b\":\"b\"}",
                "{\"a\":1}"))
        .containsExactly("token:first", "token:b");
  }

  @Test
  void rawDataTokensAreDecodedAsUtf8WithReplacements() {
    StreamSpec spec = StreamSpec.builder().answer(Channel.of(new TokenSource.RawData())).build();
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    byte[] bad = {'a', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, 'b', (byte) 0xE2, (byte) 0x82};
    interpreter.onTextFrame(bad, 0, bad.length, 0L, sink);
    interpreter.onTextFrame("", 0L, sink);
    interpreter.onTextFrame("😀 ok", 0L, sink);
    assertThat(sink.calls).containsExactly("token:aé\uFFFDb\uFFFD\uFFFD", "token:😀 ok");
  }

  @Test
  void numbersInResponseHeadersAreReported() {
    StreamSpec spec =
        StreamSpec.builder()
            .token("/t")
            .tokenCount(
                new UsageRule(
                    new Location.Header("X-Tokens"), UsageRule.Aggregate.LAST, UsageRule.Unit.NONE))
            .build();
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    assertThat(interpreter.readsHeaders()).isTrue();
    interpreter.onHeaders(Map.of("X-Tokens", " 12 ")::get, sink);
    interpreter.onHeaders(Map.of("X-Tokens", "twelve")::get, sink);
    assertThat(sink.calls).containsExactly("count:12");
  }

  @Test
  void aTallySumsOrKeepsTheLastValueAsItsRuleSays() {
    StreamSpec spec =
        StreamSpec.builder()
            .token("/t")
            .tokenCount(
                new UsageRule(
                    new Location.Json("/n"), UsageRule.Aggregate.SUM, UsageRule.Unit.NONE))
            .usage("calls", UsageRule.at("/calls"))
            .build();
    StreamInterpreter interpreter = StreamInterpreter.compile(spec);
    UsageTally tally = interpreter.newTally();
    StreamSink into =
        new RecordingSink() {
          @Override
          public void onUsage(int slot, double value) {
            tally.add(slot, value);
          }
        };
    interpreter.onTextFrame("{\"n\":3,\"calls\":1}", 0L, into);
    interpreter.onTextFrame("{\"n\":4,\"calls\":2}", 0L, into);
    assertThat(tally.value(StreamInterpreter.TOKEN_COUNT)).isEqualTo(7);
    assertThat(tally.value(StreamInterpreter.USAGE_BASE)).isEqualTo(2);
    assertThat(tally.has(StreamInterpreter.INPUT_COUNT)).isFalse();
    tally.reset();
    assertThat(tally.has(StreamInterpreter.TOKEN_COUNT)).isFalse();
  }

  private static Match json(String pointer, Match.Expected expected) {
    return new Match.Json(pointer, Optional.of(expected));
  }

  private static StreamSpec done(Match done) {
    return StreamSpec.builder().token("/content").done(done).build();
  }

  /** Fixed template variables. */
  private record FixedVariables(Map<String, String> values) implements TemplateContext {
    @Override
    public String variable(String name) {
      return values.getOrDefault(name, "");
    }

    @Override
    public String env(String name) {
      return "";
    }

    @Override
    public String uuid() {
      return "00000000-0000-4000-8000-000000000000";
    }

    @Override
    public long randomInt(long min, long max) {
      return min;
    }
  }

  @Test
  void usageAndTokenCountTakeNumbersOnly() {
    assertThat(
            frames(
                Specs.GENERIC_SESSION_API,
                "{\"type\":\"done\",\"usage\":{\"llm_calls\":\"2\",\"tool_calls\":1.5,\"tokens\":\"9\"}}",
                "{\"type\":\"done\",\"usage\":{\"tokens\":12.0}}"))
        .containsExactly("usage1=1.5", "done", "count:12", "done");
  }

  @Test
  void wholeDocumentPointerReadsRootValues() {
    StreamSpec spec =
        StreamSpec.builder()
            .token("")
            .done(Match.data("."))
            .usage("value", UsageRule.at(""))
            .build();
    assertThat(frames(spec, "\"hello\"", "42", "-1.5 ", "{\"a\":1}", "true"))
        .containsExactly("token:hello", "usage0=42.0", "usage0=-1.5");
  }

  @Test
  void manyEventsInARowKeepWorking() {
    // Crosses the parser replacement that bounds its field-name table.
    StreamInterpreter interpreter = StreamInterpreter.compile(Specs.OPENAI_CHAT);
    int[] tokens = {0};
    StreamSink counting =
        new RecordingSink() {
          @Override
          public void onToken(char[] text, int offset, int length, long arrivalNs) {
            tokens[0]++;
          }
        };
    byte[] chunk = SampleStreams.utf8(SampleStreams.openAiContentChunk("t"));
    for (int i = 0; i < 25_000; i++) {
      interpreter.onTextFrame(chunk, 0, chunk.length, 0L, counting);
    }
    assertThat(tokens[0]).isEqualTo(25_000);
  }

  @Test
  void copiesOfOneInterpreterServeManyThreadsAtOnce() throws Exception {
    StreamInterpreter rules = StreamInterpreter.compile(Specs.ANTHROPIC_MESSAGES);
    byte[] stream = SampleStreams.utf8(SampleStreams.ANTHROPIC_MESSAGES);
    List<String> expected = new ArrayList<>();
    expected.add("inputCount:10");
    expected.addAll(RecordingSink.tokens(SampleStreams.ANTHROPIC_TOKENS));
    expected.add("count:15");
    expected.add("done");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  StreamInterpreter interpreter = rules.forThisLoop();
                  for (int i = 0; i < 500; i++) {
                    RecordingSink own = new RecordingSink();
                    SseDecoder decoder = new SseDecoder(e -> interpreter.onSseEvent(e, 0L, own));
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
  void aCopyReadFromASecondThreadIsRefused() throws Exception {
    StreamInterpreter interpreter = StreamInterpreter.compile(Specs.tokenAt("/t")).forThisLoop();
    interpreter.onTextFrame("{\"t\":\"x\"}", 0L, sink);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<?> read = other.submit(() -> interpreter.onTextFrame("{\"t\":\"y\"}", 0L, sink));
      assertThatThrownBy(read::get)
          .hasCauseInstanceOf(IllegalStateException.class)
          .hasMessageContaining("forThisLoop()");
    } finally {
      other.shutdownNow();
    }
    interpreter.onTextFrame("{\"t\":\"z\"}", 0L, sink);
    assertThat(sink.calls).containsExactly("token:x", "token:z");
  }

  @Test
  void aSinkFeedingTheInterpreterFromItsCallbackIsRefused() {
    StreamInterpreter interpreter = StreamInterpreter.compile(Specs.tokenAt("/t"));
    StreamSink reentrant =
        new RecordingSink() {
          @Override
          public void onToken(char[] text, int offset, int length, long arrivalNs) {
            interpreter.onTextFrame("{\"t\":\"again\"}", 0L, this);
          }
        };
    assertThatThrownBy(() -> interpreter.onTextFrame("{\"t\":\"x\"}", 0L, reentrant))
        .isInstanceOf(IllegalStateException.class);
    interpreter.onTextFrame("{\"t\":\"y\"}", 0L, sink);
    assertThat(sink.calls).containsExactly("token:y");
  }

  @Test
  void invalidRulesAreRefusedAtCompileTime() {
    assertThatThrownBy(() -> StreamInterpreter.compile(Specs.tokenAt("choices/0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token: 'choices/0' is not a JSON Pointer");
  }

  @Test
  void jsonRuleWithoutEqualsMatchesAnyNonNullValueThere() {
    Match errorPresent = Match.jsonPresent("/error");
    StreamSpec spec =
        StreamSpec.builder()
            .token("/choices/0/delta/content")
            .done(Match.data("[DONE]"))
            .error(errorPresent)
            .build();
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
