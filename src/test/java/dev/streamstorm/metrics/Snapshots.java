package dev.streamstorm.metrics;

import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Hand-built interval snapshots for progress tests. */
public final class Snapshots {
  private final Map<SeriesKey, Histogram> histograms = new HashMap<>();
  private final Map<Tag, long[]> counters = new HashMap<>();
  private Gauges gauges = Gauges.NONE;

  public Snapshots millis(Metric metric, long count, long millis) {
    Histogram h =
        histograms.computeIfAbsent(
            SeriesKey.of(metric, Tag.ALL), k -> new Histogram(LoopRecorder.SIGNIFICANT_DIGITS));
    h.recordValueWithCount(millis * 1000, count);
    return this;
  }

  public Snapshots count(Counter c, long n) {
    counters.computeIfAbsent(Tag.ALL, t -> new long[Counter.SIZE])[c.ordinal()] += n;
    return this;
  }

  public Snapshots errors(ErrorClass c, long n) {
    counters.computeIfAbsent(Tag.ALL, t -> new long[Counter.SIZE])[Counter.errorIndex(c)] += n;
    return this;
  }

  public Snapshots gauges(Gauges g) {
    gauges = g;
    return this;
  }

  /** The interval from {@code startNs} to {@code endNs}. */
  public IntervalSnapshot build(long startNs, long endNs) {
    return new IntervalSnapshot(0, startNs, endNs, histograms, counters, gauges);
  }
}
