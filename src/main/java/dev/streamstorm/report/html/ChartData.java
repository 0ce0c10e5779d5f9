package dev.streamstorm.report.html;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.Series;
import dev.streamstorm.metrics.results.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The numbers behind the report's charts, embedded in the page as JSON and drawn by report.js: the
 * per-interval series turned into per-second rates on one time axis, and the percentile curves.
 * Missing values are null (the chart shows a gap), never an invented 0.
 */
final class ChartData {
  private static final String[] PERCENTILES = {"p50", "p95", "p99"};
  private static final List<String> DISTRIBUTIONS =
      List.of("ttft", "ttfr", "ttfc", "itl", "tpot", "e2e");

  private ChartData() {}

  static Map<String, Object> of(RunResults r) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("time", time(r));
    Map<String, Object> curves = new LinkedHashMap<>();
    if (r.histograms() != null) {
      for (String metric : DISTRIBUTIONS) {
        Map<String, String> encoded = r.histograms().get(metric);
        if (encoded != null && !encoded.isEmpty()) {
          curves.put(metric, PercentileCurves.of(encoded));
        }
      }
    }
    data.put("percentiles", curves);
    return data;
  }

  private static Map<String, Object> time(RunResults r) {
    List<Series.Point> points = r.series() == null ? List.of() : r.series().points();
    double[] seconds = intervalLengths(points);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", column(points, Series.Point::t));
    boolean open = points.stream().anyMatch(p -> p.targetRate() != null);
    m.put("open", open);
    m.put("stages", r.run().stages() == null ? List.of() : r.run().stages());
    double warmupSeconds = r.run().durationSeconds() - r.run().measuredSeconds();
    m.put("warmupEnd", warmupSeconds > 0 ? Summary.round(warmupSeconds) : null);
    m.put("activeUsers", column(points, p -> (double) p.activeUsers()));
    m.put("inFlight", column(points, p -> (double) p.inFlight()));
    if (open) {
      m.put("targetRate", column(points, Series.Point::targetRate));
      m.put("arrivalRate", rate(points, seconds, p -> p.arrivals() == null ? 0 : p.arrivals()));
      m.put("droppedRate", rate(points, seconds, p -> p.dropped() == null ? 0 : p.dropped()));
    }
    m.put("okRate", rate(points, seconds, Series.Point::ok));
    m.put("failedRate", rate(points, seconds, Series.Point::failed));
    m.put("tokenRate", rate(points, seconds, Series.Point::tokens));
    Map<String, List<Double>> errors = new LinkedHashMap<>();
    for (ErrorClass c : ErrorClass.values()) {
      if (points.stream().anyMatch(p -> count(p.errors(), c.id()) > 0)) {
        errors.put(c.id(), rate(points, seconds, p -> count(p.errors(), c.id())));
      }
    }
    m.put("errors", errors);
    m.put("ttft", percentiles(points, Series.Point::ttft));
    m.put("e2e", percentiles(points, Series.Point::e2e));
    m.put("loopLagP99", column(points, Series.Point::loopLagP99));
    m.put("cpuPercent", column(points, Series.Point::cpuPercent));
    return m;
  }

  /** Each interval's actual length: the gap to the previous point's end (the last may be short). */
  private static double[] intervalLengths(List<Series.Point> points) {
    double[] s = new double[points.size()];
    double previous = 0;
    for (int i = 0; i < s.length; i++) {
      double t = points.get(i).t();
      s[i] = t - previous;
      previous = t;
    }
    return s;
  }

  private static List<Double> column(List<Series.Point> points, Function<Series.Point, Double> f) {
    List<Double> out = new ArrayList<>(points.size());
    points.forEach(p -> out.add(f.apply(p)));
    return out;
  }

  private static List<Double> rate(
      List<Series.Point> points, double[] seconds, Function<Series.Point, Long> count) {
    List<Double> out = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      out.add(seconds[i] <= 0 ? null : round(count.apply(points.get(i)) / seconds[i]));
    }
    return out;
  }

  private static Map<String, List<Double>> percentiles(
      List<Series.Point> points, Function<Series.Point, double[]> f) {
    Map<String, List<Double>> m = new LinkedHashMap<>();
    for (int k = 0; k < PERCENTILES.length; k++) {
      int index = k;
      m.put(
          PERCENTILES[k],
          column(
              points,
              p -> {
                double[] v = f.apply(p);
                return v == null || v.length <= index ? null : v[index];
              }));
    }
    return m;
  }

  private static long count(Map<String, Long> errors, String id) {
    Long n = errors == null ? null : errors.get(id);
    return n == null ? 0 : n;
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
