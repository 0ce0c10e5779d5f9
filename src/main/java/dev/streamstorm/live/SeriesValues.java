package dev.streamstorm.live;

import dev.streamstorm.metrics.SeriesKey;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One series of one interval, kept as its recorded values with their counts: what the live thread
 * needs of an HdrHistogram, in a few kilobytes instead of a copy of its whole counts array (tens of
 * kilobytes for a latency series, twenty-odd series every interval), so that the run's ticker
 * neither allocates nor copies more than that.
 *
 * @param key the series
 * @param values each non-empty HdrHistogram bucket's highest equivalent value, ascending (µs for
 *     time metrics)
 * @param counts how many values each bucket holds
 */
record SeriesValues(SeriesKey key, long[] values, long[] counts) {

  static SeriesValues of(SeriesKey key, Histogram h) {
    int n = 0;
    long[] values = new long[64];
    long[] counts = new long[64];
    for (HistogramIterationValue v : h.recordedValues()) {
      if (n == values.length) {
        values = java.util.Arrays.copyOf(values, n * 2);
        counts = java.util.Arrays.copyOf(counts, n * 2);
      }
      values[n] = v.getValueIteratedTo();
      counts[n++] = v.getCountAtValueIteratedTo();
    }
    return new SeriesValues(
        key, java.util.Arrays.copyOf(values, n), java.util.Arrays.copyOf(counts, n));
  }

  /** Adds these values to {@code h} (same precision: each lands in its own bucket). */
  void addTo(Histogram h) {
    for (int i = 0; i < values.length; i++) {
      h.recordValueWithCount(values[i], counts[i]);
    }
  }
}
