package dev.streamstorm.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.CountSource;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.LoopRecorder;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.MetricsCollector;
import dev.streamstorm.metrics.SeriesKey;
import dev.streamstorm.metrics.Slo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** Random messages recorded the way the engine records them, and exact snapshot comparisons. */
final class Snapshots {
  private static final long MS = 1_000_000L;
  private static final String[] CONVERSATIONS = {"simple", "multi_turn", "tools"};

  private Snapshots() {}

  /** A random finished message (about one in ten fails), starting {@code startNs}. */
  static MessageOutcome message(Random r, long startNs) {
    String conv = CONVERSATIONS[r.nextInt(CONVERSATIONS.length)];
    int turn = 1 + r.nextInt(3);
    long ttft = (20 + r.nextInt(2_000)) * MS + r.nextInt(1_000);
    long e2e = ttft + r.nextInt(5_000) * MS;
    if (r.nextInt(10) == 0) {
      ErrorClass e = ErrorClass.values()[r.nextInt(ErrorClass.values().length)];
      return MessageOutcome.builder()
          .message(1, conv, turn, 0)
          .starts(startNs, startNs, startNs)
          .firstByteNs(MessageOutcome.NONE)
          .firstTokenNs(MessageOutcome.NONE)
          .endNs(startNs + e2e)
          .chunks(0)
          .tokens(0, CountSource.CHUNKS)
          .error(e, "boom")
          .attempts(1 + r.nextInt(2), 0)
          .reconnects(0)
          .usage(Map.of())
          .build();
    }
    int chunks = 1 + r.nextInt(200);
    return MessageOutcome.builder()
        .message(1 + r.nextInt(50), conv, turn, 0)
        .starts(startNs, startNs + r.nextInt(3) * MS, startNs + r.nextInt(3) * MS)
        .firstByteNs(startNs + MS)
        .firstTokenNs(startNs + ttft)
        .endNs(startNs + e2e)
        .chunks(chunks)
        .tokens(r.nextBoolean() ? -1 : chunks + r.nextInt(10), CountSource.USAGE)
        .error(null, null)
        .attempts(1 + (r.nextInt(8) == 0 ? 1 : 0), r.nextInt(5) * MS)
        .reconnects(0)
        .usage(r.nextBoolean() ? Map.of("llm_calls", (double) r.nextInt(4)) : Map.of())
        .build();
  }

  /** Records {@code messages} on {@code loops} recorders, as event loops would, and collects. */
  static IntervalSnapshot record(List<MessageOutcome> messages, int loops, Gauges gauges) {
    List<LoopRecorder> recorders = new ArrayList<>();
    for (int i = 0; i < loops; i++) {
      recorders.add(new LoopRecorder(new Slo(500 * MS, 0, 0), 0));
    }
    long[] gaps = {3 * MS, 5 * MS, 7 * MS};
    for (int i = 0; i < messages.size(); i++) {
      MessageOutcome m = messages.get(i);
      recorders.get(i % loops).record(m, gaps, m.ok() ? (int) Math.min(3, m.chunks() - 1) : 0);
    }
    return new MetricsCollector(recorders).collect(0, 1_000 * MS, gauges);
  }

  /** Asserts that two snapshots hold exactly the same histograms and counters. */
  static void assertSameData(IntervalSnapshot actual, IntervalSnapshot expected) {
    assertThat(actual.histograms().keySet()).isEqualTo(expected.histograms().keySet());
    for (Map.Entry<SeriesKey, Histogram> e : expected.histograms().entrySet()) {
      assertThat(counts(actual.histograms().get(e.getKey())))
          .as("%s", e.getKey())
          .isEqualTo(counts(e.getValue()));
    }
    assertThat(actual.counters().keySet()).isEqualTo(expected.counters().keySet());
    expected
        .counters()
        .forEach(
            (tag, values) ->
                assertThat(actual.counters().get(tag)).as("%s", tag).isEqualTo(values));
  }

  /** Every distinct recorded value with its count: equal lists mean equal distributions. */
  static List<List<Long>> counts(Histogram h) {
    List<List<Long>> out = new ArrayList<>();
    for (HistogramIterationValue v : h.recordedValues()) {
      out.add(List.of(v.getValueIteratedTo(), v.getCountAtValueIteratedTo()));
    }
    return out;
  }
}
