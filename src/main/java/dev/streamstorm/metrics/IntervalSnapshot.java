package dev.streamstorm.metrics;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What all event loops recorded during one interval, merged. Histograms and counter arrays are
 * reused by the collector for the next interval: listeners read them during the call and copy what
 * they keep.
 *
 * @param index 0-based interval number
 * @param startNs interval start (System.nanoTime())
 * @param endNs interval end
 * @param histograms values recorded in the interval, per series (µs for time metrics)
 * @param counters counter increments in the interval per tag, indexed by {@link Counter}
 * @param gauges what the engine and the generator monitor saw at the interval's end
 */
public record IntervalSnapshot(
    int index,
    long startNs,
    long endNs,
    Map<SeriesKey, Histogram> histograms,
    Map<Tag, long[]> counters,
    Gauges gauges) {

  public long counter(Tag tag, Counter c) {
    long[] v = counters.get(tag);
    return v == null ? 0 : v[c.ordinal()];
  }

  public long errors(Tag tag, ErrorClass c) {
    long[] v = counters.get(tag);
    return v == null ? 0 : v[Counter.errorIndex(c)];
  }

  public Histogram histogram(Metric m, Tag t) {
    return histograms.get(SeriesKey.of(m, t));
  }

  public double seconds() {
    return (endNs - startNs) / 1e9;
  }
}
