package dev.streamstorm.metrics;

import org.HdrHistogram.Histogram;

/** Read access to whole-run metrics, for threshold evaluation during and after a run. */
public interface MetricsView {

  /** The histogram of a series (µs for time metrics), or null when nothing was recorded. */
  Histogram histogram(SeriesKey key);

  /** A counter for a tag, by {@link Counter} index. */
  long counter(Tag tag, int index);

  /** Seconds over which rates are computed. */
  double measuredSeconds();
}
