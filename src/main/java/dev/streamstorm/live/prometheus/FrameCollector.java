package dev.streamstorm.live.prometheus;

import dev.streamstorm.live.CounterSeries;
import dev.streamstorm.live.ExportNames;
import dev.streamstorm.live.Family;
import dev.streamstorm.live.HistogramSeries;
import dev.streamstorm.live.LiveFrame;
import dev.streamstorm.live.LiveSetup;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.results.ThresholdResult;
import dev.streamstorm.report.ThresholdText;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest {@link LiveFrame} as Prometheus metric snapshots, built on the scrape thread from the
 * frame's immutable totals, and written by the Prometheus client's own writers (text, OpenMetrics,
 * protobuf with native histograms). A custom collector rather than the client's Histogram and
 * Counter: the run's totals already exist per interval, exact, and a scrape sees one consistent
 * interval (a histogram's count and the message counters always agree).
 */
final class FrameCollector implements MultiCollector {
  /** Values recorded as 0 µs (under a microsecond) are in the zero bucket. */
  private static final double TIME_ZERO_THRESHOLD = 1e-6;

  private static final double COUNT_ZERO_THRESHOLD = 0.5;

  private final LiveSetup setup;
  private volatile LiveFrame latest;

  FrameCollector(LiveSetup setup) {
    this.setup = setup;
  }

  void update(LiveFrame frame) {
    latest = frame;
  }

  @Override
  public MetricSnapshots collect() {
    List<MetricSnapshot> out = new ArrayList<>();
    out.add(runInfo());
    LiveFrame f = latest;
    if (f != null) {
      histograms(f, out);
      counters(f, out);
      gauges(f, out);
      thresholds(f, out);
    }
    return new MetricSnapshots(out);
  }

  private MetricSnapshot runInfo() {
    return InfoSnapshot.builder()
        .name(ExportNames.RUN.prometheusName())
        .help(ExportNames.RUN.help())
        .dataPoint(
            InfoSnapshot.InfoDataPointSnapshot.builder()
                .labels(
                    Labels.of(
                        "test", setup.scenario(),
                        "scenario", setup.source(),
                        "run_id", setup.runId(),
                        "target", setup.target(),
                        "protocol", setup.protocol(),
                        "version", setup.version()))
                .build())
        .build();
  }

  private void histograms(LiveFrame f, List<MetricSnapshot> out) {
    Map<String, HistogramSnapshot.Builder> families = new LinkedHashMap<>();
    for (HistogramSeries s : f.histograms()) {
      Family family = ExportNames.histogram(s.metric(), s.time());
      HistogramSnapshot.Builder b =
          families.computeIfAbsent(
              s.metric(),
              k -> {
                HistogramSnapshot.Builder nb =
                    HistogramSnapshot.builder().name(family.prometheusName()).help(family.help());
                return s.time() ? nb.unit(Unit.SECONDS) : nb;
              });
      b.dataPoint(point(s, f.startEpochMillis()));
    }
    families.values().forEach(b -> out.add(b.build()));
  }

  private static HistogramDataPointSnapshot point(HistogramSeries s, long createdMillis) {
    double[] bounds = new double[s.bounds().length + 1];
    System.arraycopy(s.bounds(), 0, bounds, 0, s.bounds().length);
    bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
    return HistogramDataPointSnapshot.builder()
        .labels(labels(ExportNames.sliceLabels(s.tag())))
        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, s.bucketCounts()))
        .sum(s.sum())
        .nativeSchema(HistogramSeries.nativeSchema())
        .nativeZeroCount(s.zeroCount())
        .nativeZeroThreshold(s.time() ? TIME_ZERO_THRESHOLD : COUNT_ZERO_THRESHOLD)
        .nativeBucketsForPositiveValues(
            NativeHistogramBuckets.of(s.nativeIndexes(), s.nativeCounts()))
        .createdTimestampMillis(createdMillis)
        .build();
  }

  private static void counters(LiveFrame f, List<MetricSnapshot> out) {
    Map<String, CounterSnapshot.Builder> families = new LinkedHashMap<>();
    for (CounterSeries c : f.counters()) {
      ExportNames.CounterName name = ExportNames.counter(c.index());
      List<String> kv = ExportNames.sliceLabels(c.tag());
      if (name.labelName() != null) {
        kv.add(name.labelName());
        kv.add(name.labelValue());
      }
      families
          .computeIfAbsent(
              name.family().prometheusName(),
              k ->
                  CounterSnapshot.builder()
                      .name(name.family().prometheusName())
                      .help(name.family().help()))
          .dataPoint(
              CounterDataPointSnapshot.builder()
                  .labels(labels(kv))
                  .value(c.value())
                  .createdTimestampMillis(f.startEpochMillis())
                  .build());
    }
    families.values().forEach(b -> out.add(b.build()));
  }

  private static void gauges(LiveFrame f, List<MetricSnapshot> out) {
    Gauges g = f.gauges();
    out.add(gauge(ExportNames.USERS, g.activeUsers()));
    out.add(gauge(ExportNames.IN_FLIGHT, g.inFlight()));
    if (f.status().openModel()) {
      out.add(gauge(ExportNames.TARGET_RATE, g.targetRate()));
      out.add(counter(ExportNames.ARRIVALS, f.arrivals(), f.startEpochMillis()));
      out.add(counter(ExportNames.ARRIVALS_DROPPED, f.arrivalsDropped(), f.startEpochMillis()));
    }
    if (f.status().stages() > 0) {
      out.add(gauge(ExportNames.STAGE, g.stage()));
    }
    out.add(gauge(ExportNames.CPU, g.cpuPercent() / 100));
    out.add(gauge(ExportNames.LOOP_CPU, g.busiestLoopPercent() / 100));
    out.add(gauge(ExportNames.ELAPSED, f.elapsedSeconds()));
    if (f.status().agentsTotal() > 0) {
      out.add(gauge(ExportNames.AGENTS_HEALTHY, f.status().agentsHealthy()));
    }
  }

  private static void thresholds(LiveFrame f, List<MetricSnapshot> out) {
    if (f.thresholds().isEmpty()) {
      return;
    }
    GaugeSnapshot.Builder b =
        GaugeSnapshot.builder()
            .name(ExportNames.THRESHOLD.prometheusName())
            .help(ExportNames.THRESHOLD.help());
    for (ThresholdResult t : f.thresholds()) {
      b.dataPoint(
          GaugeDataPointSnapshot.builder()
              .labels(Labels.of("threshold", ThresholdText.rule(t)))
              .value(t.pass() ? 1 : 0)
              .build());
    }
    out.add(b.build());
  }

  private static GaugeSnapshot gauge(Family family, double value) {
    GaugeSnapshot.Builder b =
        GaugeSnapshot.builder().name(family.prometheusName()).help(family.help());
    if (family.unit() == Family.Unit.RATIO) {
      b.unit(Unit.RATIO);
    } else if (family.unit() == Family.Unit.SECONDS) {
      b.unit(Unit.SECONDS);
    }
    return b.dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
  }

  private static CounterSnapshot counter(Family family, long value, long createdMillis) {
    return CounterSnapshot.builder()
        .name(family.prometheusName())
        .help(family.help())
        .dataPoint(
            CounterDataPointSnapshot.builder()
                .value(value)
                .createdTimestampMillis(createdMillis)
                .build())
        .build();
  }

  private static Labels labels(List<String> kv) {
    return kv.isEmpty() ? Labels.EMPTY : Labels.of(kv.toArray(String[]::new));
  }
}
