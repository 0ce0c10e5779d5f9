package dev.streamstorm.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.results.Goodput;
import dev.streamstorm.metrics.results.RunInfo;
import dev.streamstorm.metrics.results.RunResults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoodputTest {
  private static final long MS = 1_000_000L;

  /** A successful message: ttft, e2e in ms from its start at 0, and its token count. */
  private static MessageOutcome ok(String conversation, long ttftMs, long e2eMs, int tokens) {
    return MessageOutcome.builder()
        .message(1, conversation, 1, 0)
        .starts(0, 0, 0)
        .firstByteNs(MS)
        .firstTokenNs(ttftMs < 0 ? MessageOutcome.NONE : ttftMs * MS)
        .endNs(e2eMs * MS)
        .chunks(tokens)
        .tokens(tokens, CountSource.CHUNKS)
        .error(null, null)
        .attempts(1, 0)
        .reconnects(0)
        .usage(Map.of())
        .build();
  }

  private static MessageOutcome failed(String conversation) {
    return MessageOutcome.builder()
        .message(1, conversation, 1, 0)
        .starts(0, 0, 0)
        .firstByteNs(MessageOutcome.NONE)
        .firstTokenNs(MessageOutcome.NONE)
        .endNs(5 * MS)
        .chunks(0)
        .tokens(0, CountSource.CHUNKS)
        .error(ErrorClass.HTTP_5XX, "boom")
        .attempts(1, 0)
        .reconnects(0)
        .usage(Map.of())
        .build();
  }

  @Test
  void aMessageIsGoodWhenItSucceededAndMetEveryObjectiveSet() {
    // tpot of ok(.., 200, 1200, 11) = (1200 - 200) / 10 = 100 ms.
    Slo all = new Slo(250 * MS, 100 * MS, 1200 * MS);
    assertThat(all.isMetBy(ok("c", 200, 1200, 11))).isTrue();
    assertThat(all.isMetBy(ok("c", 251, 1200, 11))).as("ttft over").isFalse();
    assertThat(all.isMetBy(ok("c", 200, 1201, 11))).as("e2e over, tpot over").isFalse();
    assertThat(new Slo(0, 99 * MS, 0).isMetBy(ok("c", 200, 1200, 11))).as("tpot over").isFalse();
    assertThat(all.isMetBy(failed("c"))).as("failed").isFalse();
  }

  @Test
  void objectivesAreInclusiveLimits() {
    assertThat(new Slo(250 * MS, 0, 0).isMetBy(ok("c", 250, 400, 3))).isTrue();
    assertThat(new Slo(0, 0, 400 * MS).isMetBy(ok("c", 250, 400, 3))).isTrue();
  }

  @Test
  void aMessageWithoutTpotIsNotHeldToATpotObjective() {
    assertThat(new Slo(0, MS, 0).isMetBy(ok("c", 200, 5000, 1))).isTrue();
  }

  @Test
  void aTtftObjectiveNeedsAFirstToken() {
    assertThat(new Slo(250 * MS, 0, 0).isMetBy(ok("c", -1, 400, 0))).isFalse();
    assertThat(new Slo(0, 0, 500 * MS).isMetBy(ok("c", -1, 400, 0))).isTrue();
  }

  @Test
  void withoutObjectivesEverySuccessIsGood() {
    assertThat(Slo.NONE.isMetBy(ok("c", 99_000, 99_000, 2))).isTrue();
    assertThat(Slo.NONE.isMetBy(failed("c"))).isFalse();
  }

  @Test
  void goodputRatioAndRateOverallAndPerConversation() {
    LoopRecorder loop = new LoopRecorder(new Slo(300 * MS, 0, 0), 0);
    // a: 3 good, 1 too slow, 1 failed; b: 1 good.
    for (MessageOutcome o :
        List.of(
            ok("a", 100, 200, 2),
            ok("a", 200, 300, 2),
            ok("a", 300, 400, 2),
            ok("a", 301, 400, 2),
            failed("a"),
            ok("b", 100, 200, 2))) {
      loop.record(o, new long[0], 0);
    }
    RunResults r = accumulate(loop, Map.of("ttft", 300.0), 2.0);
    assertThat(r.goodput()).isEqualTo(new Goodput(Map.of("ttft", 300.0), 4, 0.666667, 2.0));
    assertThat(r.byConversation().get("a").goodput())
        .isEqualTo(new Goodput(Map.of("ttft", 300.0), 3, 0.6, 1.5));
    assertThat(r.byConversation().get("b").goodput().ratio()).isEqualTo(1.0);
    assertThat(r.byTurn().get("a#1").goodput().good()).isEqualTo(3);
  }

  @Test
  void noGoodputSectionWithoutAnSlo() {
    LoopRecorder loop = new LoopRecorder(Slo.NONE, 0);
    loop.record(ok("a", 100, 200, 2), new long[0], 0);
    RunResults r = accumulate(loop, Map.of(), 1.0);
    assertThat(r.goodput()).isNull();
  }

  @Test
  void warmupMessagesAreNotCounted() {
    LoopRecorder loop = new LoopRecorder(new Slo(300 * MS, 0, 0), 1);
    loop.record(ok("a", 100, 200, 2), new long[0], 0);
    RunResults r = accumulate(loop, Map.of("ttft", 300.0), 1.0);
    assertThat(r.goodput().good()).isZero();
    assertThat(r.goodput().ratio()).isZero();
  }

  private static RunResults accumulate(LoopRecorder loop, Map<String, Double> slo, double s) {
    MetricsCollector c = new MetricsCollector(List.of(loop));
    RunAccumulator acc = new RunAccumulator(0, 0, 1.0);
    acc.accept(c.collect(0, 1_000 * MS, Gauges.NONE));
    RunInfo info =
        new RunInfo(
            "t",
            "-",
            "http://x",
            "sse",
            "generic",
            Map.of(),
            Map.of(),
            "now",
            s,
            s,
            "duration",
            1,
            null,
            false);
    return acc.build(info, slo, 1, List.of(), "test");
  }
}
