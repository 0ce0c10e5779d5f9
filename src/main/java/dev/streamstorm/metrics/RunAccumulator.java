package dev.streamstorm.metrics;

import dev.streamstorm.metrics.results.ErrorCounts;
import dev.streamstorm.metrics.results.ErrorSampleResult;
import dev.streamstorm.metrics.results.GeneratorHealth;
import dev.streamstorm.metrics.results.Goodput;
import dev.streamstorm.metrics.results.MessageCounts;
import dev.streamstorm.metrics.results.RunInfo;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.Series;
import dev.streamstorm.metrics.results.SessionCounts;
import dev.streamstorm.metrics.results.SliceResults;
import dev.streamstorm.metrics.results.Summary;
import dev.streamstorm.metrics.results.Throughput;
import dev.streamstorm.metrics.results.TokenTotals;
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
 * Adds interval snapshots up into whole-run histograms, counters and a compact time series, and
 * builds the {@link RunResults} at the end. Histograms are merged, never averaged, so the totals
 * are exactly what one recorder would have seen. Used from the collector's thread only.
 */
public final class RunAccumulator implements MetricsView {

  private static final Metric[] HISTOGRAMS_KEPT = {
    Metric.TTFB, Metric.TTFT, Metric.TTFR, Metric.TTFC, Metric.ITL, Metric.TPOT, Metric.E2E
  };

  private final Map<SeriesKey, Histogram> totals = new HashMap<>();
  private final Map<Tag, long[]> counters = new HashMap<>();
  private final List<Series.Point> points = new ArrayList<>();
  private final double intervalSeconds;
  private final Set<String> msUsage;
  private final long warmupEndNs;
  private final long startNs;
  private double cpuSum;
  private double cpuMax;
  private double loopBusyMax;
  private int cpuSamples;
  private long arrivals;
  private long dropped;
  private boolean openModel;
  private double arrivalSeconds;
  private long lastEndNs;

  /**
   * @param startNs when the load started
   * @param warmupEndNs when the warm-up ends (equal to startNs without one)
   * @param intervalSeconds nominal interval length
   */
  public RunAccumulator(long startNs, long warmupEndNs, double intervalSeconds) {
    this(startNs, warmupEndNs, intervalSeconds, Set.of());
  }

  /**
   * @param msUsage usage names whose values are milliseconds (recorded in µs): reported as times
   */
  public RunAccumulator(
      long startNs, long warmupEndNs, double intervalSeconds, Set<String> msUsage) {
    this.startNs = startNs;
    this.warmupEndNs = warmupEndNs;
    this.intervalSeconds = intervalSeconds;
    this.msUsage = msUsage;
  }

  public void accept(IntervalSnapshot s) {
    lastEndNs = s.endNs();
    s.histograms()
        .forEach(
            (k, h) ->
                totals
                    .computeIfAbsent(k, x -> new Histogram(LoopRecorder.SIGNIFICANT_DIGITS))
                    .add(h));
    s.counters()
        .forEach(
            (tag, delta) -> {
              long[] sum = counters.computeIfAbsent(tag, t -> new long[Counter.SIZE]);
              for (int i = 0; i < Counter.SIZE; i++) {
                sum[i] += delta[i];
              }
            });
    Gauges g = s.gauges();
    if (s.endNs() > warmupEndNs) {
      // One sample per interval, so thresholds can gate on the generator's own CPU.
      perInterval(Metric.GENERATOR_CPU, g.cpuPercent());
      perInterval(Metric.GENERATOR_LOOP_CPU, g.busiestLoopPercent());
      arrivals += g.arrivals();
      dropped += g.dropped();
      // The schedule's time: intervals that asked for arrivals or started some (the one in which
      // the schedule ended asks for none at its end), not the drain after it.
      if (g.targetRate() > 0 || g.arrivals() > 0) {
        arrivalSeconds += s.seconds();
      }
    }
    openModel |= g.targetRate() > 0 || g.arrivals() > 0;
    cpuSum += g.cpuPercent();
    cpuSamples++;
    cpuMax = Math.max(cpuMax, g.cpuPercent());
    loopBusyMax = Math.max(loopBusyMax, g.busiestLoopPercent());
    points.add(point(s));
  }

  private void perInterval(Metric m, double percent) {
    totals
        .computeIfAbsent(
            SeriesKey.of(m, Tag.ALL), k -> new Histogram(LoopRecorder.SIGNIFICANT_DIGITS))
        .recordValue(Math.max(0, Math.round(percent)));
  }

  @Override
  public Histogram histogram(SeriesKey key) {
    return totals.get(key);
  }

  @Override
  public long counter(Tag tag, int index) {
    return total(tag, index);
  }

  @Override
  public double measuredSeconds() {
    return Math.max(0, lastEndNs - Math.max(startNs, warmupEndNs)) / 1e9;
  }

  private long total(Tag tag, int counterIndex) {
    long[] c = counters.get(tag);
    return c == null ? 0 : c[counterIndex];
  }

  /** Builds the results document of a run in one JVM. */
  public RunResults build(
      RunInfo info,
      Map<String, Double> sloMillis,
      int eventLoops,
      List<ErrorSample> samples,
      String version) {
    return build(info, sloMillis, eventLoops, samples, version, 1);
  }

  /**
   * Builds the results document; thresholds are added afterwards by the evaluator.
   *
   * @param jvms the generator JVMs whose intervals were merged (a distributed run's agents): their
   *     garbage-collection pauses are all in the merged histogram, so the share of the time spent
   *     paused is taken over that many times the measured time
   */
  public RunResults build(
      RunInfo info,
      Map<String, Double> sloMillis,
      int eventLoops,
      List<ErrorSample> samples,
      String version,
      int jvms) {
    double seconds = Math.max(info.measuredSeconds(), 1e-9);
    Map<String, SliceResults> byConversation = new TreeMap<>();
    Map<String, SliceResults> byTurn = new TreeMap<>();
    for (Tag t : counters.keySet()) {
      if (t.isAll()) {
        continue;
      }
      SliceResults slice =
          new SliceResults(
              t.conversation(),
              t.isTurn() ? t.turn() : null,
              messages(t),
              errors(t),
              throughput(t, seconds),
              metrics(t),
              t.isTurn() ? null : usage(t),
              goodput(t, sloMillis, seconds));
      (t.isTurn() ? byTurn : byConversation).put(t.label(), slice);
    }
    Summary lag = Summary.of(totals.get(SeriesKey.of(Metric.GENERATOR_LAG, Tag.ALL)), true);
    Summary gc = Summary.of(totals.get(SeriesKey.of(Metric.GENERATOR_GC, Tag.ALL)), true);
    return new RunResults(
        RunResults.SCHEMA,
        new RunResults.ToolInfo("streamstorm", version),
        info,
        messages(Tag.ALL),
        sessions(),
        arrivals(),
        errors(Tag.ALL),
        retriedErrors(),
        throughput(Tag.ALL, seconds),
        tokens(),
        metrics(Tag.ALL),
        usage(Tag.ALL),
        goodput(Tag.ALL, sloMillis, seconds),
        byConversation,
        byTurn,
        List.of(),
        null,
        health(eventLoops, lag, gc, Math.max(1, jvms)),
        samples.stream()
            .map(
                e -> new ErrorSampleResult(e.errorClass(), e.message(), e.conversation(), e.turn()))
            .toList(),
        new Series(intervalSeconds, List.copyOf(points)),
        encodedHistograms());
  }

  private GeneratorHealth health(int eventLoops, Summary lag, Summary gc, int jvms) {
    double cpuMean = cpuSamples == 0 ? 0 : cpuSum / cpuSamples;
    return GeneratorHealthCheck.judge(
        eventLoops, lag, gc, cpuMean, cpuMax, loopBusyMax, measuredSeconds(), jvms);
  }

  private MessageCounts messages(Tag t) {
    long ok = total(t, Counter.OK.ordinal());
    long failed = total(t, Counter.FAILED.ordinal());
    return new MessageCounts(
        ok + failed,
        ok,
        failed,
        total(t, Counter.INTERRUPTED.ordinal()),
        total(t, Counter.RETRIED.ordinal()),
        total(t, Counter.RETRIES.ordinal()),
        total(t, Counter.RECONNECTS.ordinal()),
        total(t, Counter.EMPTY.ordinal()),
        total(t, Counter.OVERLAPPED.ordinal()));
  }

  /** Null when the run made no session set-up call. */
  private SessionCounts sessions() {
    long ok = total(Tag.ALL, Counter.SESSIONS_OK.ordinal());
    long failed = total(Tag.ALL, Counter.SESSIONS_FAILED.ordinal());
    if (ok + failed == 0) {
      return null;
    }
    Map<String, Long> errors = new LinkedHashMap<>();
    for (ErrorClass c : ErrorClass.values()) {
      long n = total(Tag.ALL, Counter.sessionErrorIndex(c));
      if (n > 0) {
        errors.put(c.id(), n);
      }
    }
    return new SessionCounts(ok, failed, errors);
  }

  private ErrorCounts errors(Tag t) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (ErrorClass c : ErrorClass.values()) {
      m.put(c.id(), total(t, Counter.errorIndex(c)));
    }
    long failed = total(t, Counter.FAILED.ordinal());
    return ErrorCounts.of(m, failed, failed + total(t, Counter.OK.ordinal()));
  }

  /** Achieved rate over the intervals that had a schedule (not the drain after it). */
  private RunResults.Arrivals arrivals() {
    return openModel
        ? new RunResults.Arrivals(
            arrivals, dropped, Summary.round(arrivals / Math.max(arrivalSeconds, 1e-9)))
        : null;
  }

  /** Failed attempts that a retry then replaced, by class (only classes that occurred). */
  private Map<String, Long> retriedErrors() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (ErrorClass c : ErrorClass.values()) {
      long n = total(Tag.ALL, Counter.retriedErrorIndex(c));
      if (n > 0) {
        m.put(c.id(), n);
      }
    }
    return m;
  }

  private Throughput throughput(Tag t, double seconds) {
    return new Throughput(
        Summary.round(total(t, Counter.OK.ordinal()) / seconds),
        Summary.round(total(t, Counter.TOKENS.ordinal()) / seconds),
        Summary.round(total(t, Counter.INPUT_TOKENS.ordinal()) / seconds),
        Summary.round(total(t, Counter.REASONING_TOKENS.ordinal()) / seconds));
  }

  private TokenTotals tokens() {
    Map<String, Long> sources = new LinkedHashMap<>();
    sources.put(CountSource.USAGE.id(), total(Tag.ALL, Counter.TOKENS_FROM_USAGE.ordinal()));
    sources.put(
        CountSource.TOKENIZER.id(), total(Tag.ALL, Counter.TOKENS_FROM_TOKENIZER.ordinal()));
    sources.put(CountSource.CHUNKS.id(), total(Tag.ALL, Counter.TOKENS_FROM_CHUNKS.ordinal()));
    return new TokenTotals(
        total(Tag.ALL, Counter.TOKENS.ordinal()),
        total(Tag.ALL, Counter.REASONING_TOKENS.ordinal()),
        total(Tag.ALL, Counter.INPUT_TOKENS.ordinal()),
        total(Tag.ALL, Counter.TOOL_CALLS.ordinal()),
        sources);
  }

  private Map<String, Summary> metrics(Tag t) {
    Map<String, Summary> m = new LinkedHashMap<>();
    for (Metric metric : Metric.values()) {
      Histogram h = totals.get(SeriesKey.of(metric, t));
      if (h != null || (t.isAll() && isCore(metric))) {
        m.put(metric.id(), Summary.of(h, metric.isTime()));
      }
    }
    return m;
  }

  private static boolean isCore(Metric m) {
    return m == Metric.TTFB
        || m == Metric.TTFT
        || m == Metric.ITL
        || m == Metric.TPOT
        || m == Metric.E2E
        || m == Metric.TOKENS;
  }

  private Map<String, Summary> usage(Tag t) {
    Map<String, Summary> m = new TreeMap<>();
    totals.forEach(
        (k, h) -> {
          if (k.isUsage() && k.tag().equals(t)) {
            String name = k.metric().substring(SeriesKey.USAGE_PREFIX.length());
            m.put(name, Summary.of(h, msUsage.contains(name)));
          }
        });
    return m;
  }

  private Goodput goodput(Tag t, Map<String, Double> sloMillis, double seconds) {
    if (sloMillis.isEmpty()) {
      return null;
    }
    long good = total(t, Counter.GOOD.ordinal());
    long all = total(t, Counter.OK.ordinal()) + total(t, Counter.FAILED.ordinal());
    return new Goodput(
        sloMillis,
        good,
        all == 0 ? 0 : Summary.round((double) good / all * 1000) / 1000,
        Summary.round(good / seconds));
  }

  private Series.Point point(IntervalSnapshot s) {
    Gauges g = s.gauges();
    Map<String, Long> errs = new TreeMap<>();
    for (ErrorClass c : ErrorClass.values()) {
      long n = s.errors(Tag.ALL, c);
      if (n > 0) {
        errs.put(c.id(), n);
      }
    }
    Histogram lag = s.histogram(Metric.GENERATOR_LAG, Tag.ALL);
    boolean open = g.targetRate() > 0 || g.arrivals() > 0;
    return new Series.Point(
        Summary.round((s.endNs() - startNs) / 1e9),
        s.endNs() <= warmupEndNs ? Boolean.TRUE : null,
        g.activeUsers(),
        g.inFlight(),
        open ? g.targetRate() : null,
        open ? g.arrivals() : null,
        open ? g.dropped() : null,
        g.stage() > 0 ? g.stage() : null,
        s.counter(Tag.ALL, Counter.OK),
        s.counter(Tag.ALL, Counter.FAILED),
        s.counter(Tag.ALL, Counter.TOKENS),
        errs,
        percentiles(s.histogram(Metric.TTFT, Tag.ALL)),
        percentiles(s.histogram(Metric.E2E, Tag.ALL)),
        lag == null ? 0 : Summary.round(lag.getValueAtPercentile(99) / 1000.0),
        Summary.round(g.cpuPercent()));
  }

  private static double[] percentiles(Histogram h) {
    if (h == null || h.getTotalCount() == 0) {
      return null;
    }
    return new double[] {
      Summary.round(h.getValueAtPercentile(50) / 1000.0),
      Summary.round(h.getValueAtPercentile(95) / 1000.0),
      Summary.round(h.getValueAtPercentile(99) / 1000.0)
    };
  }

  /** Compressed, base64 histograms (µs) of the main latencies, overall and per conversation. */
  private Map<String, Map<String, String>> encodedHistograms() {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (Metric m : HISTOGRAMS_KEPT) {
      Map<String, String> byTag = new TreeMap<>(Comparator.naturalOrder());
      totals.forEach(
          (k, h) -> {
            if (k.metric().equals(m.id()) && !k.tag().isTurn() && h.getTotalCount() > 0) {
              byTag.put(k.tag().label(), HistogramCodec.encode(h));
            }
          });
      if (!byTag.isEmpty()) {
        out.put(m.id(), byTag);
      }
    }
    return out;
  }
}
