package dev.streamstorm.metrics;

import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A hand-built {@link MetricsView} for threshold tests: put in exactly what the test needs. */
public final class FakeMetricsView implements MetricsView {
  private final Map<SeriesKey, Histogram> histograms = new HashMap<>();
  private final Map<Tag, long[]> counters = new HashMap<>();
  private double seconds = 1;

  /** Records values in µs for time metrics (as the recorders do), plain for the rest. */
  public FakeMetricsView values(String metric, Tag tag, long... values) {
    Histogram h =
        histograms.computeIfAbsent(
            new SeriesKey(metric, tag), k -> new Histogram(LoopRecorder.SIGNIFICANT_DIGITS));
    for (long v : values) {
      h.recordValue(v);
    }
    return this;
  }

  /** Milliseconds, recorded as µs. */
  public FakeMetricsView millis(Metric metric, Tag tag, long... millis) {
    for (long ms : millis) {
      values(metric.id(), tag, ms * 1000);
    }
    return this;
  }

  public FakeMetricsView count(Tag tag, Counter counter, long n) {
    return count(tag, counter.ordinal(), n);
  }

  public FakeMetricsView errors(Tag tag, ErrorClass c, long n) {
    return count(tag, Counter.errorIndex(c), n);
  }

  public FakeMetricsView seconds(double s) {
    seconds = s;
    return this;
  }

  private FakeMetricsView count(Tag tag, int index, long n) {
    counters.computeIfAbsent(tag, t -> new long[Counter.SIZE])[index] += n;
    return this;
  }

  @Override
  public Histogram histogram(SeriesKey key) {
    return histograms.get(key);
  }

  @Override
  public long counter(Tag tag, int index) {
    long[] c = counters.get(tag);
    return c == null ? 0 : c[index];
  }

  @Override
  public double measuredSeconds() {
    return seconds;
  }
}
