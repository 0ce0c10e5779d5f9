package dev.streamstorm.live;

import dev.streamstorm.engine.RunStatus;
import dev.streamstorm.engine.ThresholdCheck;
import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.RunAccumulator;
import dev.streamstorm.metrics.SeriesKey;
import dev.streamstorm.metrics.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The whole run so far, as the live outputs see it: grown by each interval (a private copy the live
 * thread owns) and turned into an immutable {@link LiveFrame}. Confined to the live thread.
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
  private final Map<String, Integer> finestHistogramLevel = new HashMap<>();
  private final Map<Tag, long[]> counters = new HashMap<>();
  private final int[] finestCounterLevel = new int[Counter.SIZE];
  private RunAccumulator totals;
  private long startEpochMillis;
  private long arrivals;
  private long arrivalsDropped;

  LiveState(LiveSetup setup) {
    this.setup = setup;
    java.util.Arrays.fill(finestCounterLevel, -1);
  }

  LiveFrame accept(IntervalSnapshot s, RunStatus status, long epochMillis, long skipped) {
    if (totals == null) {
      long startNs = s.endNs() - status.elapsedNs();
      startEpochMillis = epochMillis - status.elapsedNs() / 1_000_000;
      totals =
          new RunAccumulator(
              startNs, startNs + setup.warmup().toNanos(), setup.interval().toMillis() / 1000.0);
    }
    totals.accept(s);
    arrivals += s.gauges().arrivals();
    arrivalsDropped += s.gauges().dropped();
    s.histograms().forEach(this::addHistogram);
    s.counters().forEach(this::addCounters);
    return new LiveFrame(
        s.index(),
        epochMillis,
        startEpochMillis,
        s.seconds(),
        status,
        s.gauges(),
        figures(s),
        histograms(),
        counters(),
        runPercentiles(),
        ThresholdCheck.evaluate(setup.thresholds(), totals, Set.of()),
        arrivals,
        arrivalsDropped,
        skipped);
  }

  private void addHistogram(SeriesKey key, Histogram h) {
    Metric m = Metric.byId(key.metric());
    if (m == null || !BucketLayout.exported(m)) {
      return; // usage.* series stay in the results document
    }
    finestHistogramLevel.merge(m.id(), level(key.tag()), Math::max);
    series
        .computeIfAbsent(
            key, k -> new SeriesTotals(m.isTime() ? 1e-6 : 1, BucketLayout.of(m.id(), m.isTime())))
        .add(h);
  }

  private void addCounters(Tag tag, long[] delta) {
    long[] sum = counters.computeIfAbsent(tag, t -> new long[Counter.SIZE]);
    int level = level(tag);
    for (int i = 0; i < Counter.SIZE; i++) {
      if (delta[i] != 0) {
        sum[i] += delta[i];
        finestCounterLevel[i] = Math.max(finestCounterLevel[i], level);
      }
    }
  }

  private List<HistogramSeries> histograms() {
    List<HistogramSeries> out = new ArrayList<>();
    for (Metric m : Metric.values()) {
      Integer finest = finestHistogramLevel.get(m.id());
      if (finest == null) {
        continue;
      }
      Map<Tag, SeriesTotals> slices = new TreeMap<>(BY_LABEL);
      series.forEach(
          (k, v) -> {
            if (k.metric().equals(m.id()) && level(k.tag()) == finest) {
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
        int level = level(e.getKey());
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

  private IntervalFigures figures(IntervalSnapshot s) {
    Map<String, Long> errors = new LinkedHashMap<>();
    for (ErrorClass c : ErrorClass.values()) {
      long n = s.errors(Tag.ALL, c);
      if (n > 0) {
        errors.put(c.id(), n);
      }
    }
    Map<String, double[]> pct = new LinkedHashMap<>();
    for (String id : CHARTED) {
      Metric m = Metric.byId(id);
      double[] p = percentiles(m == null ? null : s.histogram(m, Tag.ALL));
      if (p != null) {
        pct.put(id, p);
      }
    }
    Histogram lag = s.histogram(Metric.GENERATOR_LAG, Tag.ALL);
    return new IntervalFigures(
        s.counter(Tag.ALL, Counter.OK),
        s.counter(Tag.ALL, Counter.FAILED),
        s.counter(Tag.ALL, Counter.TOKENS),
        errors,
        pct,
        lag == null ? 0 : lag.getValueAtPercentile(99) / 1000.0);
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

  /** 0 for all messages, 1 for a conversation, 2 for a turn of one. */
  private static int level(Tag t) {
    return t.isAll() ? 0 : t.isTurn() ? 2 : 1;
  }
}
