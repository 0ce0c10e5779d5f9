package dev.streamstorm.report;

import dev.streamstorm.metrics.results.Series;
import java.util.List;

/**
 * The per-interval series of a run as a table: one row per interval, or for a long run one every
 * {@code step} seconds (each row is that one interval's figures: percentiles of different intervals
 * cannot be merged into one, and a row says only what its interval measured). A pure function of
 * the results.
 */
public final class SeriesTable {
  private static final int MAX_ROWS = 20;
  private static final double[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};

  private SeriesTable() {}

  public static String render(Series series) {
    List<Series.Point> points = series.points();
    if (points.isEmpty()) {
      return "  no intervals were recorded\n";
    }
    int lastFull = points.size() - 1;
    if (lastFull > 0 && isSliver(points, lastFull, series.intervalSeconds())) {
      lastFull--;
    }
    double step = step(points.get(lastFull).t(), series.intervalSeconds());
    boolean open = points.stream().anyMatch(p -> p.targetRate() != null);
    TextTable t =
        new TextTable()
            .row(
                "t (s)",
                open ? "arrivals/s" : "users",
                "streaming",
                "msg/s",
                "tokens/s",
                "ttft p50",
                "ttft p95",
                "errors",
                "lag p99");
    double next = step;
    for (int i = 0; i < points.size(); i++) {
      Series.Point p = points.get(i);
      double seconds = i == 0 ? p.t() : p.t() - points.get(i - 1).t();
      if (i > 0 && seconds < series.intervalSeconds() / 2) {
        continue; // the run's last sliver of an interval: its rates would misstate the run
      }
      boolean last = i == points.size() - 1 || isSliver(points, i + 1, series.intervalSeconds());
      // The interval that reaches each step, and the last one.
      if (p.t() + 1e-6 < next && !last) {
        continue;
      }
      while (next <= p.t() + 1e-6) {
        next += step;
      }
      long errors = p.errors() == null ? 0 : p.errors().values().stream().mapToLong(l -> l).sum();
      t.row(
          Format.num(p.t()) + (Boolean.TRUE.equals(p.warmup()) ? " w" : ""),
          open ? rate(p.arrivals(), seconds) : Format.count(p.activeUsers()),
          Format.count(p.inFlight()),
          Format.rate((p.ok() + p.failed()) / Math.max(seconds, 1e-9)),
          Format.rate(p.tokens() / Math.max(seconds, 1e-9)),
          p.ttft() == null ? "-" : Format.ms(p.ttft()[0]),
          p.ttft() == null ? "-" : Format.ms(p.ttft()[1]),
          Format.count(errors),
          Format.ms(p.loopLagP99()));
    }
    return t.render("  ")
        + (step > series.intervalSeconds()
            ? "  (every " + Format.num(step) + " s: each row is that interval alone; w: warm-up)\n"
            : "");
  }

  /** Whether point {@code i} is the last and only a sliver of an interval long. */
  private static boolean isSliver(List<Series.Point> points, int i, double interval) {
    return i == points.size() - 1 && points.get(i).t() - points.get(i - 1).t() < interval / 2;
  }

  private static String rate(Long count, double seconds) {
    return count == null ? "-" : Format.rate(count / Math.max(seconds, 1e-9));
  }

  /** The smallest round step that keeps the table under {@link #MAX_ROWS} rows. */
  static double step(double lastT, double interval) {
    for (double s : STEPS) {
      if (s >= interval && lastT / s <= MAX_ROWS) {
        return s;
      }
    }
    return STEPS[STEPS.length - 1];
  }
}
