package dev.streamstorm.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.metrics.results.RunInfo;
import dev.streamstorm.metrics.results.RunResults;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class MetricsPipelineTest {
  private static final long MS = 1_000_000L;

  private static MessageOutcome ok(
      String conv, int turn, long start, long ttftMs, long e2eMs, int chunks) {
    return MessageOutcome.builder()
        .message(1, conv, turn, 0)
        .starts(start, start, start)
        .firstByteNs(start + MS)
        .firstTokenNs(start + ttftMs * MS)
        .endNs(start + e2eMs * MS)
        .chunks(chunks)
        .tokens(chunks, CountSource.CHUNKS)
        .error(null, null)
        .attempts(1, 0)
        .reconnects(0)
        .usage(Map.of("llm_calls", 2.0))
        .build();
  }

  private static MessageOutcome failed(String conv, ErrorClass e, long start) {
    return MessageOutcome.builder()
        .message(1, conv, 1, 0)
        .starts(start, start, start)
        .firstByteNs(MessageOutcome.NONE)
        .firstTokenNs(MessageOutcome.NONE)
        .endNs(start + 5 * MS)
        .chunks(0)
        .tokens(0, CountSource.CHUNKS)
        .error(e, "boom")
        .attempts(1, 0)
        .reconnects(0)
        .usage(Map.of())
        .build();
  }

  static RunInfo info(double seconds) {
    return new RunInfo(
        "t",
        "-",
        "http://x",
        "sse",
        "openai-chat",
        Map.of(),
        Map.of(),
        "now",
        seconds,
        seconds,
        "duration",
        1,
        null,
        false);
  }

  @Test
  void mergesLoopsExactlyAndKeepsFailuresOutOfLatencies() {
    LoopRecorder a = new LoopRecorder(Slo.NONE, 0);
    LoopRecorder b = new LoopRecorder(Slo.NONE, 0);
    long[] gaps = {10 * MS, 10 * MS, 30 * MS};
    a.record(ok("simple", 1, 1_000 * MS, 200, 400, 4), gaps, 3);
    b.record(ok("multi", 2, 1_000 * MS, 300, 700, 5), gaps, 2);
    b.record(failed("multi", ErrorClass.HTTP_5XX, 1_000 * MS), gaps, 0);

    MetricsCollector c = new MetricsCollector(List.of(a, b));
    RunAccumulator acc = new RunAccumulator(0, 0, 1.0);
    acc.accept(c.collect(0, 1_000 * MS, Gauges.NONE));
    RunResults r = acc.build(info(2.0), Map.of(), 2, c.errorSamples(), "test");

    assertThat(r.messages().ok()).isEqualTo(2);
    assertThat(r.messages().failed()).isEqualTo(1);
    assertThat(r.messages().total()).isEqualTo(3);
    assertThat(r.errors()).containsEntry("http_5xx", 1L).containsEntry("http_429", 0L);
    assertThat(r.metrics().get("ttft").count()).isEqualTo(2);
    assertThat(r.metrics().get("ttft").min()).isCloseTo(200, within(0.2));
    assertThat(r.metrics().get("ttft").max()).isCloseTo(300, within(0.3));
    assertThat(r.metrics().get("e2e").count()).isEqualTo(2);
    assertThat(r.metrics().get("itl").count()).isEqualTo(5);
    assertThat(r.metrics().get("tokens").count()).isEqualTo(2);
    assertThat(r.throughput().messagesPerSecond()).isEqualTo(1.0);
    assertThat(r.throughput().tokensPerSecond()).isEqualTo(4.5);
    assertThat(r.byConversation()).containsKeys("simple", "multi");
    assertThat(r.byConversation().get("multi").messages().failed()).isEqualTo(1);
    assertThat(r.byTurn()).containsKeys("simple#1", "multi#2");
    assertThat(r.usage().get("llm_calls").mean()).isEqualTo(2.0);
    assertThat(r.errorSamples()).hasSize(1);
    assertThat(r.errorSamples().get(0).errorClass()).isEqualTo("http_5xx");
  }

  @Test
  void loopsRecordEachValueOnceAndTheCollectorCountsItAtEveryLevel() {
    LoopRecorder a = new LoopRecorder(Slo.NONE, 0);
    LoopRecorder b = new LoopRecorder(Slo.NONE, 0);
    long[] gaps = {10 * MS, 10 * MS, 30 * MS};
    a.record(ok("multi", 1, 1_000 * MS, 200, 400, 4), gaps, 3);
    b.record(ok("multi", 2, 1_000 * MS, 300, 700, 5), gaps, 2);
    b.record(ok("simple", 1, 1_000 * MS, 100, 300, 4), gaps, 1);
    a.recordThinkTime("multi", 500 * MS);

    // On the loop: a turn's series only for what turns show, a conversation's for the rest.
    assertThat(a.series().keySet())
        .contains(SeriesKey.of(Metric.TTFT, Tag.turn("multi", 1)))
        .contains(SeriesKey.of(Metric.TTFT_SERVICE, Tag.conversation("multi")))
        .contains(SeriesKey.of(Metric.THINK_TIME, Tag.conversation("multi")))
        .doesNotContain(
            SeriesKey.of(Metric.TTFT, Tag.ALL),
            SeriesKey.of(Metric.TTFT, Tag.conversation("multi")),
            SeriesKey.of(Metric.ITL, Tag.ALL),
            SeriesKey.of(Metric.TTFT_SERVICE, Tag.ALL),
            SeriesKey.of(Metric.THINK_TIME, Tag.ALL));

    MetricsCollector c = new MetricsCollector(List.of(a, b));
    IntervalSnapshot first = c.collect(0, 1_000 * MS, Gauges.NONE);
    assertThat(first.histogram(Metric.TTFT, Tag.ALL).getTotalCount()).isEqualTo(3);
    assertThat(first.histogram(Metric.TTFT, Tag.conversation("multi")).getTotalCount())
        .isEqualTo(2);
    assertThat(first.histogram(Metric.TTFT, Tag.turn("multi", 2)).getTotalCount()).isEqualTo(1);
    assertThat(first.histogram(Metric.ITL, Tag.ALL).getTotalCount()).isEqualTo(6);
    assertThat(first.histogram(Metric.ITL, Tag.conversation("multi")).getTotalCount()).isEqualTo(5);
    assertThat(first.histogram(Metric.TTFT_SERVICE, Tag.ALL).getTotalCount()).isEqualTo(3);
    assertThat(first.histogram(Metric.THINK_TIME, Tag.ALL).getTotalCount()).isEqualTo(1);
    assertThat(first.histograms().get(SeriesKey.usage("llm_calls", Tag.ALL)).getTotalCount())
        .isEqualTo(3);

    // The next interval holds only its own values at every level.
    a.record(ok("multi", 1, 2_000 * MS, 200, 400, 4), gaps, 3);
    IntervalSnapshot second = c.collect(1_000 * MS, 2_000 * MS, Gauges.NONE);
    assertThat(second.histogram(Metric.TTFT, Tag.ALL).getTotalCount()).isEqualTo(1);
    assertThat(second.histogram(Metric.ITL, Tag.conversation("multi")).getTotalCount())
        .isEqualTo(3);
    assertThat(second.histograms()).doesNotContainKey(SeriesKey.of(Metric.THINK_TIME, Tag.ALL));
  }

  @Test
  void tpotIsTimeAfterTheFirstTokenPerFollowingToken() {
    // ttft 200 ms, e2e 400 ms, 5 tokens: (400 - 200) / 4 = 50 ms.
    MessageOutcome o = ok("c", 1, 0, 200, 400, 5);
    assertThat(o.tpotNs()).isEqualTo(50 * MS);
    assertThat(ok("c", 1, 0, 200, 400, 1).tpotNs()).isEqualTo(MessageOutcome.NONE);
  }

  @Test
  void serverUsageCountBeatsChunks() {
    MessageOutcome o =
        MessageOutcome.builder()
            .message(1, "c", 1, 0)
            .starts(0, 0, 0)
            .firstByteNs(MS)
            .firstTokenNs(2 * MS)
            .endNs(3 * MS)
            .chunks(4)
            .tokens(12, CountSource.USAGE)
            .error(null, null)
            .attempts(1, 0)
            .reconnects(0)
            .usage(Map.of())
            .build();
    assertThat(o.tokens()).isEqualTo(12);
  }

  @Test
  void warmupMessagesAreDiscarded() {
    LoopRecorder a = new LoopRecorder(Slo.NONE, 500 * MS);
    a.record(ok("c", 1, 100 * MS, 10, 20, 2), new long[0], 0);
    a.record(ok("c", 1, 600 * MS, 10, 20, 2), new long[0], 0);
    MetricsCollector c = new MetricsCollector(List.of(a));
    RunAccumulator acc = new RunAccumulator(0, 500 * MS, 1.0);
    IntervalSnapshot interval = c.collect(0, 1_000 * MS, Gauges.NONE);
    acc.accept(interval);
    RunResults r = acc.build(info(1), Map.of(), 1, List.of(), "t");
    assertThat(r.messages().ok()).isEqualTo(1);
    // The warm-up's message went through the same recording and merging code, into nothing read.
    assertThat(r.metrics().get("ttft").count()).isEqualTo(1);
    assertThat(interval.histograms().get(SeriesKey.of(Metric.TTFT, Tag.ALL)).getTotalCount())
        .isEqualTo(1);
  }

  @Test
  void warmupEndIsComparedAsNanoTimeIsWhenTheClockWrapsInBetween() {
    // System.nanoTime() may be near Long.MAX_VALUE and wrap: only the difference orders instants.
    long warmupEnd = Long.MAX_VALUE - 100 * MS;
    LoopRecorder a = new LoopRecorder(Slo.NONE, warmupEnd);
    a.record(ok("c", 1, warmupEnd - 200 * MS, 10, 20, 2), new long[0], 0);
    a.record(ok("c", 1, warmupEnd + 300 * MS, 10, 20, 2), new long[0], 0);
    MetricsCollector c = new MetricsCollector(List.of(a));
    RunAccumulator acc = new RunAccumulator(0, 0, 1.0);
    acc.accept(c.collect(0, 1_000 * MS, Gauges.NONE));
    RunResults r = acc.build(info(1), Map.of(), 1, List.of(), "t");
    assertThat(r.messages().ok()).isEqualTo(1);
  }

  @Test
  void goodputCountsSuccessesThatMetEveryObjective() {
    Slo slo = new Slo(250 * MS, 0, 0);
    LoopRecorder a = new LoopRecorder(slo, 0);
    a.record(ok("c", 1, 0, 200, 400, 3), new long[0], 0);
    a.record(ok("c", 1, 0, 300, 400, 3), new long[0], 0);
    a.record(failed("c", ErrorClass.TIMEOUT, 0), new long[0], 0);
    MetricsCollector c = new MetricsCollector(List.of(a));
    RunAccumulator acc = new RunAccumulator(0, 0, 1.0);
    acc.accept(c.collect(0, 1_000 * MS, Gauges.NONE));
    RunResults r = acc.build(info(2), Map.of("ttft", 250.0), 1, List.of(), "t");
    assertThat(r.goodput().good()).isEqualTo(1);
    assertThat(r.goodput().ratio()).isCloseTo(1.0 / 3, within(0.001));
    assertThat(r.goodput().perSecond()).isEqualTo(0.5);
  }

  @Test
  void intervalsAddUpToTheWholeRun() {
    LoopRecorder a = new LoopRecorder(Slo.NONE, 0);
    MetricsCollector c = new MetricsCollector(List.of(a));
    RunAccumulator acc = new RunAccumulator(0, 0, 1.0);
    a.record(ok("c", 1, 0, 100, 200, 2), new long[0], 0);
    IntervalSnapshot first = c.collect(0, 1_000 * MS, Gauges.NONE);
    assertThat(first.counter(Tag.ALL, Counter.OK)).isEqualTo(1);
    acc.accept(first);
    a.record(ok("c", 1, 0, 100, 200, 2), new long[0], 0);
    a.record(ok("c", 1, 0, 100, 200, 2), new long[0], 0);
    IntervalSnapshot second = c.collect(1_000 * MS, 2_000 * MS, Gauges.NONE);
    assertThat(second.counter(Tag.ALL, Counter.OK)).isEqualTo(2);
    assertThat(second.histogram(Metric.TTFT, Tag.ALL).getTotalCount()).isEqualTo(2);
    acc.accept(second);
    RunResults r = acc.build(info(2), Map.of(), 1, List.of(), "t");
    assertThat(r.messages().ok()).isEqualTo(3);
    assertThat(r.series().points()).hasSize(2);
    assertThat(r.series().points().get(1).ok()).isEqualTo(2);
  }

  @Test
  void encodedHistogramsRoundTrip() {
    Histogram h = new Histogram(3);
    for (int i = 1; i <= 1000; i++) {
      h.recordValue(i * 100L);
    }
    Histogram back = HistogramCodec.decode(HistogramCodec.encode(h));
    assertThat(back.getTotalCount()).isEqualTo(1000);
    assertThat(back.getValueAtPercentile(99)).isEqualTo(h.getValueAtPercentile(99));
  }

  @Test
  void valuesOutsideTheRangeAreClamped() {
    assertThat(ValueClamp.clamp("x", -5)).isZero();
    assertThat(ValueClamp.clamp("x", ValueClamp.MAX_VALUE + 1)).isEqualTo(ValueClamp.MAX_VALUE);
  }
}
