package dev.streamstorm.live;

import dev.streamstorm.engine.RunStatus;
import dev.streamstorm.engine.ThresholdCheck;
import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.SeriesKey;
import dev.streamstorm.metrics.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The whole run so far, as the live outputs see it: grown by each interval's copy and turned into
 * an immutable {@link LiveFrame}. Confined to the live thread.
 *
 * <p>Every series is exported at its finest slice only, so that summing over labels never counts a
 * value twice: the run records a message's latencies per turn and rolls them up into its
 * conversation and the run; the exporters keep the turns, and a dashboard's {@code sum by
 * (conversation)} or plain {@code sum} rebuilds the rest. Metrics the run records only per
 * conversation (ttft_service, ...) or only for the run (the generator's lag) are exported there.
 */
final class LiveState {
  private static final String[] CHARTED = {"ttft", "e2e", "itl", "tpot"};
  private static final Comparator<Tag> BY_LABEL = Comparator.comparing(Tag::label);

  private final LiveSetup setup;
  private final Map<SeriesKey, SeriesTotals> series = new HashMap<>();
  private final Map<Tag, long[]> counters = new HashMap<>();
  private final int[] finestCounterLevel = new int[Counter.SIZE];
  private final Histogram scratch = new Histogram(3);
  private LiveTotals totals;
  private long startEpochMillis;
  private long arrivals;
  private long arrivalsDropped;

  LiveState(LiveSetup setup) {
    this.setup = setup;
    Arrays.fill(finestCounterLevel, -1);
  }

  LiveFrame accept(IntervalCopy c, RunStatus status, long epochMillis, long skipped) {
    if (totals == null) {
      long startNs = c.endNs() - status.elapsedNs();
      startEpochMillis = epochMillis - status.elapsedNs() / 1_000_000;
      totals = new LiveTotals(startNs, startNs + setup.warmup().toNanos());
    }
    totals.add(c);
    arrivals += c.gauges().arrivals();
    arrivalsDropped += c.gauges().dropped();
    for (SeriesValues v : c.series()) {
      Metric m = Metric.byId(v.key().metric());
      if (m != null && BucketLayout.exported(m)) {
        series
            .computeIfAbsent(
                v.key(),
                k -> new SeriesTotals(m.isTime() ? 1e-6 : 1, BucketLayout.of(m.id(), m.isTime())))
            .add(v);
      }
    }
    c.counters().forEach(this::addCounters);
    return new LiveFrame(
        c.index(),
        epochMillis,
        startEpochMillis,
        c.seconds(),
        status,
        c.gauges(),
        figures(c),
        histograms(),
        counters(),
        runPercentiles(),
        ThresholdCheck.evaluate(setup.thresholds(), totals, Set.of()),
        arrivals,
        arrivalsDropped,
        skipped);
  }

  private void addCounters(Tag tag, long[] delta) {
    long[] sum = counters.computeIfAbsent(tag, t -> new long[Counter.SIZE]);
    int level = IntervalCopy.level(tag);
    for (int i = 0; i < Counter.SIZE; i++) {
      if (delta[i] != 0) {
        sum[i] += delta[i];
        finestCounterLevel[i] = Math.max(finestCounterLevel[i], level);
      }
    }
  }

  /** Every exported series (each kept at its finest slice), by metric, then slice. */
  private List<HistogramSeries> histograms() {
    List<HistogramSeries> out = new ArrayList<>();
    for (Metric m : Metric.values()) {
      Map<Tag, SeriesTotals> slices = new TreeMap<>(BY_LABEL);
      series.forEach(
          (k, v) -> {
            if (k.metric().equals(m.id())) {
              slices.put(k.tag(), v);
            }
          });
      slices.forEach((tag, t) -> out.add(t.snapshot(m.id(), tag, m.isTime())));
    }
    return out;
  }

  private List<CounterSeries> counters() {
    List<CounterSeries> out = new ArrayList<>();
    Map<Tag, long[]> sorted = new TreeMap<>(BY_LABEL);
    sorted.putAll(counters);
    for (int i = 0; i < Counter.SIZE; i++) {
      int finest = finestCounterLevel[i];
      boolean outcome = i == Counter.OK.ordinal() || i == Counter.FAILED.ordinal();
      for (Map.Entry<Tag, long[]> e : sorted.entrySet()) {
        long v = e.getValue()[i];
        int level = IntervalCopy.level(e.getKey());
        // ok and failed appear for every slice from its first message on (a failure counter that
        // first shows up at 1 is invisible to rate()); the rest once they have counted something.
        boolean shown =
            outcome
                ? level == Math.max(finest, finestCounterLevel[Counter.OK.ordinal()])
                : level == finest && v > 0;
        if (shown) {
          out.add(new CounterSeries(i, e.getKey(), v));
        }
      }
    }
    return out;
  }

  private IntervalFigures figures(IntervalCopy c) {
    Map<String, Long> errors = new LinkedHashMap<>();
    long[] all = c.counters().get(Tag.ALL);
    for (ErrorClass e : ErrorClass.values()) {
      long n = all == null ? 0 : all[Counter.errorIndex(e)];
      if (n > 0) {
        errors.put(e.id(), n);
      }
    }
    Map<String, double[]> pct = new LinkedHashMap<>();
    for (String id : CHARTED) {
      double[] p = percentiles(interval(c, id));
      if (p != null) {
        pct.put(id, p);
      }
    }
    Histogram lag = interval(c, Metric.GENERATOR_LAG.id());
    return new IntervalFigures(
        all == null ? 0 : all[Counter.OK.ordinal()],
        all == null ? 0 : all[Counter.FAILED.ordinal()],
        all == null ? 0 : all[Counter.TOKENS.ordinal()],
        errors,
        pct,
        lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99) / 1000.0);
  }

  /** The interval's values of one metric over all messages, in the scratch histogram. */
  private Histogram interval(IntervalCopy c, String metric) {
    scratch.reset();
    for (SeriesValues v : c.series()) {
      if (v.key().metric().equals(metric)) {
        v.addTo(scratch);
      }
    }
    return scratch;
  }

  private Map<String, double[]> runPercentiles() {
    Map<String, double[]> m = new LinkedHashMap<>();
    for (Metric metric : new Metric[] {Metric.TTFT, Metric.E2E}) {
      double[] p = percentiles(totals.histogram(SeriesKey.of(metric, Tag.ALL)));
      if (p != null) {
        m.put(metric.id(), p);
      }
    }
    return m;
  }

  private static double[] percentiles(Histogram h) {
    if (h == null || h.getTotalCount() == 0) {
      return null;
    }
    return new double[] {
      round(h.getValueAtPercentile(50) / 1000.0),
      round(h.getValueAtPercentile(95) / 1000.0),
      round(h.getValueAtPercentile(99) / 1000.0)
    };
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
