package dev.streamstorm.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Flips every event loop's recorders once per interval and merges them into one {@link
 * IntervalSnapshot}. Called from one thread only (the run's ticker); never from an event loop.
 */
public final class MetricsCollector {

  private final List<LoopRecorder> loops;
  private final Map<SingleWriterRecorder, Histogram> recycled = new HashMap<>();
  private final Map<SeriesKey, Histogram> merged = new HashMap<>();
  private final Map<SeriesKey, Histogram> discarded = new HashMap<>();
  private final Map<Tag, long[]> lastTotals = new HashMap<>();
  private final Map<Tag, long[]> deltas = new HashMap<>();
  private int index;

  public MetricsCollector(List<LoopRecorder> loops) {
    this.loops = List.copyOf(loops);
  }

  /** Takes what was recorded since the previous call. */
  public IntervalSnapshot collect(long startNs, long endNs, Gauges gauges) {
    merged.values().forEach(Histogram::reset);
    discarded.values().forEach(Histogram::reset);
    for (LoopRecorder loop : loops) {
      mergeInto(merged, loop.series());
      // The warm-up's values are merged as well, then dropped, for the reason the loops record
      // them (LoopRecorder's twin): so that this code, and the histogram code it shares with the
      // loops, is compiled for non-empty intervals before the window opens, not in its first
      // seconds.
      mergeInto(discarded, loop.warmupSeries());
    }
    // The counters are read right after the histograms are flipped, before the roll-up: a message
    // that ends between the two is counted in one interval and measured in the next, so the gap is
    // kept as short as it can be without flipping on the loops themselves (live outputs compare a
    // histogram's count with the message counters of the same interval).
    Map<Tag, long[]> counters = counterDeltas();
    rollUp(merged);
    rollUp(discarded);
    Map<SeriesKey, Histogram> nonEmpty = new HashMap<>();
    merged.forEach(
        (k, h) -> {
          if (h.getTotalCount() > 0) {
            nonEmpty.put(k, h);
          }
        });
    return new IntervalSnapshot(index++, startNs, endNs, nonEmpty, counters, gauges);
  }

  private void mergeInto(
      Map<SeriesKey, Histogram> target, Map<SeriesKey, SingleWriterRecorder> series) {
    for (Map.Entry<SeriesKey, SingleWriterRecorder> e : series.entrySet()) {
      SingleWriterRecorder rec = e.getValue();
      Histogram interval = rec.getIntervalHistogram(recycled.get(rec));
      recycled.put(rec, interval);
      if (interval.getTotalCount() == 0) {
        continue;
      }
      addInto(target, e.getKey().metric(), e.getKey().tag(), interval);
    }
  }

  /**
   * Adds every series into the coarser series of its metric: a turn's into its conversation's and
   * the run's, a conversation's into the run's. The loops record each value only at the finest
   * level ({@link LoopRecorder}). Conversation series go up before any turn series is added into
   * them, so that no value reaches the run twice.
   */
  private void rollUp(Map<SeriesKey, Histogram> series) {
    List<Map.Entry<SeriesKey, Histogram>> recorded = List.copyOf(series.entrySet());
    for (Map.Entry<SeriesKey, Histogram> e : recorded) {
      Tag tag = e.getKey().tag();
      if (!tag.isAll() && !tag.isTurn()) {
        addInto(series, e.getKey().metric(), Tag.ALL, e.getValue());
      }
    }
    for (Map.Entry<SeriesKey, Histogram> e : recorded) {
      Tag tag = e.getKey().tag();
      if (tag.isTurn()) {
        addInto(series, e.getKey().metric(), Tag.conversation(tag.conversation()), e.getValue());
        addInto(series, e.getKey().metric(), Tag.ALL, e.getValue());
      }
    }
  }

  private static void addInto(
      Map<SeriesKey, Histogram> series, String metric, Tag level, Histogram values) {
    if (values.getTotalCount() > 0) {
      series
          .computeIfAbsent(
              new SeriesKey(metric, level), k -> new Histogram(LoopRecorder.SIGNIFICANT_DIGITS))
          .add(values);
    }
  }

  /** Every error sample the loops kept, for the report. */
  public List<ErrorSample> errorSamples() {
    return loops.stream().flatMap(l -> l.errorSamples().stream()).toList();
  }

  private Map<Tag, long[]> counterDeltas() {
    Map<Tag, long[]> totals = new HashMap<>();
    for (LoopRecorder loop : loops) {
      for (Map.Entry<Tag, AtomicLongArray> e : loop.counters().entrySet()) {
        long[] sum = totals.computeIfAbsent(e.getKey(), k -> new long[Counter.SIZE]);
        AtomicLongArray c = e.getValue();
        for (int i = 0; i < Counter.SIZE; i++) {
          sum[i] += c.get(i);
        }
      }
    }
    deltas.values().forEach(d -> java.util.Arrays.fill(d, 0));
    for (Map.Entry<Tag, long[]> e : totals.entrySet()) {
      long[] last = lastTotals.computeIfAbsent(e.getKey(), k -> new long[Counter.SIZE]);
      long[] delta = deltas.computeIfAbsent(e.getKey(), k -> new long[Counter.SIZE]);
      long[] now = e.getValue();
      for (int i = 0; i < Counter.SIZE; i++) {
        delta[i] = now[i] - last[i];
        last[i] = now[i];
      }
    }
    return deltas;
  }
}
