package dev.streamstorm.live.otlp;

import dev.streamstorm.live.CounterSeries;
import dev.streamstorm.live.ExportNames;
import dev.streamstorm.live.Family;
import dev.streamstorm.live.HistogramSeries;
import dev.streamstorm.live.LiveFrame;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.results.ThresholdResult;
import dev.streamstorm.report.ThresholdText;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.GaugeData;
import io.opentelemetry.sdk.metrics.data.HistogramData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest {@link LiveFrame} in OpenTelemetry's model, produced when the SDK's reader collects:
 * the run's whole-run histograms as explicit-bucket histograms (the same buckets Prometheus gets),
 * counters as cumulative monotonic sums, gauges as gauges. Like the Prometheus exporter it reads
 * the run's exact totals instead of recording every value again through the SDK's instruments.
 */
final class FrameProducer implements MetricProducer {
  private final InstrumentationScopeInfo scope;
  private volatile LiveFrame latest;

  FrameProducer(String version) {
    this.scope = InstrumentationScopeInfo.create("dev.streamstorm", version, null);
  }

  void update(LiveFrame frame) {
    latest = frame;
  }

  @Override
  public Collection<MetricData> produce(Resource resource) {
    LiveFrame f = latest;
    if (f == null) {
      return List.of();
    }
    long start = f.startEpochMillis() * 1_000_000;
    long now = f.epochMillis() * 1_000_000;
    List<MetricData> out = new ArrayList<>();
    histograms(f, resource, start, now, out);
    counters(f, resource, start, now, out);
    gauges(f, resource, start, now, out);
    return out;
  }

  private void histograms(
      LiveFrame f, Resource resource, long start, long now, List<MetricData> out) {
    Map<String, List<HistogramPointData>> byMetric = new LinkedHashMap<>();
    Map<String, Family> families = new LinkedHashMap<>();
    for (HistogramSeries s : f.histograms()) {
      families.putIfAbsent(s.metric(), ExportNames.histogram(s.metric(), s.time()));
      List<Double> bounds = new ArrayList<>(s.bounds().length);
      for (double b : s.bounds()) {
        bounds.add(b);
      }
      List<Long> counts = new ArrayList<>(s.bucketCounts().length);
      for (long c : s.bucketCounts()) {
        counts.add(c);
      }
      byMetric
          .computeIfAbsent(s.metric(), k -> new ArrayList<>())
          .add(
              HistogramPointData.create(
                  start,
                  now,
                  attributes(ExportNames.sliceLabels(s.tag())),
                  s.sum(),
                  !Double.isNaN(s.min()),
                  Double.isNaN(s.min()) ? 0 : s.min(),
                  !Double.isNaN(s.max()),
                  Double.isNaN(s.max()) ? 0 : s.max(),
                  bounds,
                  counts));
    }
    byMetric.forEach(
        (metric, points) -> {
          Family family = families.get(metric);
          out.add(
              new FrameMetric(
                  resource,
                  scope,
                  family.otelName(),
                  family.help(),
                  family.unit().ucum(),
                  MetricDataType.HISTOGRAM,
                  HistogramData.create(AggregationTemporality.CUMULATIVE, points)));
        });
  }

  private void counters(
      LiveFrame f, Resource resource, long start, long now, List<MetricData> out) {
    Map<String, List<LongPointData>> byName = new LinkedHashMap<>();
    Map<String, Family> families = new LinkedHashMap<>();
    for (CounterSeries c : f.counters()) {
      ExportNames.CounterName name = ExportNames.counter(c.index());
      List<String> kv = ExportNames.sliceLabels(c.tag());
      if (name.labelName() != null) {
        kv.add(name.labelName());
        kv.add(name.labelValue());
      }
      String otel = name.family().otelName();
      families.putIfAbsent(otel, name.family());
      byName
          .computeIfAbsent(otel, k -> new ArrayList<>())
          .add(LongPointData.create(start, now, attributes(kv), c.value()));
    }
    if (f.status().openModel()) {
      families.put(ExportNames.ARRIVALS.otelName(), ExportNames.ARRIVALS);
      byName.put(
          ExportNames.ARRIVALS.otelName(),
          List.of(LongPointData.create(start, now, Attributes.empty(), f.arrivals())));
      families.put(ExportNames.ARRIVALS_DROPPED.otelName(), ExportNames.ARRIVALS_DROPPED);
      byName.put(
          ExportNames.ARRIVALS_DROPPED.otelName(),
          List.of(LongPointData.create(start, now, Attributes.empty(), f.arrivalsDropped())));
    }
    byName.forEach(
        (name, points) ->
            out.add(
                new FrameMetric(
                    resource,
                    scope,
                    name,
                    families.get(name).help(),
                    "1",
                    MetricDataType.LONG_SUM,
                    SumData.createLongSumData(true, AggregationTemporality.CUMULATIVE, points))));
  }

  private void gauges(LiveFrame f, Resource resource, long start, long now, List<MetricData> out) {
    Gauges g = f.gauges();
    gauge(out, resource, start, now, ExportNames.USERS, g.activeUsers());
    gauge(out, resource, start, now, ExportNames.IN_FLIGHT, g.inFlight());
    if (f.status().openModel()) {
      gauge(out, resource, start, now, ExportNames.TARGET_RATE, g.targetRate());
    }
    if (f.status().stages() > 0) {
      gauge(out, resource, start, now, ExportNames.STAGE, g.stage());
    }
    gauge(out, resource, start, now, ExportNames.CPU, g.cpuPercent() / 100);
    gauge(out, resource, start, now, ExportNames.LOOP_CPU, g.busiestLoopPercent() / 100);
    gauge(out, resource, start, now, ExportNames.ELAPSED, f.elapsedSeconds());
    if (f.status().agentsTotal() > 0) {
      gauge(out, resource, start, now, ExportNames.AGENTS_HEALTHY, f.status().agentsHealthy());
    }
    if (!f.thresholds().isEmpty()) {
      List<DoublePointData> points = new ArrayList<>();
      for (ThresholdResult t : f.thresholds()) {
        points.add(
            DoublePointData.create(
                start,
                now,
                Attributes.of(
                    io.opentelemetry.api.common.AttributeKey.stringKey("threshold"),
                    ThresholdText.rule(t)),
                t.pass() ? 1 : 0,
                List.of()));
      }
      out.add(
          new FrameMetric(
              resource,
              scope,
              ExportNames.THRESHOLD.otelName(),
              ExportNames.THRESHOLD.help(),
              "1",
              MetricDataType.DOUBLE_GAUGE,
              GaugeData.createDoubleGaugeData(points)));
    }
  }

  private void gauge(
      List<MetricData> out, Resource resource, long start, long now, Family family, double v) {
    out.add(
        new FrameMetric(
            resource,
            scope,
            family.otelName(),
            family.help(),
            family.unit().ucum(),
            MetricDataType.DOUBLE_GAUGE,
            GaugeData.createDoubleGaugeData(
                List.of(DoublePointData.create(start, now, Attributes.empty(), v, List.of())))));
  }

  private static Attributes attributes(List<String> kv) {
    AttributesBuilder b = Attributes.builder();
    for (int i = 0; i + 1 < kv.size(); i += 2) {
      b.put(kv.get(i), kv.get(i + 1));
    }
    return b.build();
  }
}
