package dev.streamstorm.live;

import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.MetricsView;
import dev.streamstorm.metrics.SeriesKey;
import dev.streamstorm.metrics.Tag;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The whole run so far as thresholds read it (every series at every slice, the counters, the
 * measured time), kept by the live thread from the interval copies: each finest series is added
 * into its own slice and the coarser ones, as the run's collector rolls them up, so a threshold on
 * a conversation or on all messages sees what the run's own accumulator sees. Confined to the live
 * thread.
 */
final class LiveTotals implements MetricsView {
  private static final int DIGITS = 3; // the run's recorders' precision (LoopRecorder)

  private final Map<SeriesKey, Histogram> histograms = new HashMap<>();
  private final Map<Tag, long[]> counters = new HashMap<>();
  private final long startNs;
  private final long warmupEndNs;
  private long lastEndNs;

  LiveTotals(long startNs, long warmupEndNs) {
    this.startNs = startNs;
    this.warmupEndNs = warmupEndNs;
  }

  void add(IntervalCopy c) {
    lastEndNs = c.endNs();
    for (SeriesValues v : c.series()) {
      Tag t = v.key().tag();
      v.addTo(histogram(v.key().metric(), t));
      if (!t.isAll()) {
        if (t.isTurn()) {
          v.addTo(histogram(v.key().metric(), Tag.conversation(t.conversation())));
        }
        v.addTo(histogram(v.key().metric(), Tag.ALL));
      }
    }
    c.counters()
        .forEach(
            (tag, delta) -> {
              long[] sum = counters.computeIfAbsent(tag, k -> new long[Counter.SIZE]);
              for (int i = 0; i < Counter.SIZE; i++) {
                sum[i] += delta[i];
              }
            });
    if (c.endNs() > warmupEndNs) {
      // As the run's accumulator does: one sample per measured interval, for thresholds.
      histogram(Metric.GENERATOR_CPU.id(), Tag.ALL)
          .recordValue(Math.max(0, Math.round(c.gauges().cpuPercent())));
      histogram(Metric.GENERATOR_LOOP_CPU.id(), Tag.ALL)
          .recordValue(Math.max(0, Math.round(c.gauges().busiestLoopPercent())));
    }
  }

  private Histogram histogram(String metric, Tag tag) {
    return histograms.computeIfAbsent(new SeriesKey(metric, tag), k -> new Histogram(DIGITS));
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
    return Math.max(0, lastEndNs - Math.max(startNs, warmupEndNs)) / 1e9;
  }
}
