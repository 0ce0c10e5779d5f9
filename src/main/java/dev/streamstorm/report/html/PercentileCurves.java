package dev.streamstorm.report.html;

import dev.streamstorm.metrics.HistogramCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * Percentile curves in the HdrHistogram style, decoded from the results' compressed histograms. The
 * x axis is {@code 1/(1-p)}, so 0%, 90%, 99%, 99.9% are evenly spaced on a log scale; every curve
 * is sampled on one shared grid (the chart library wants aligned data), and a curve ends at its own
 * message count, where it reaches its maximum: beyond it the data says nothing more.
 */
final class PercentileCurves {
  /** Grid points per decade of 1/(1-p). */
  static final int STEPS_PER_DECADE = 25;

  /** Log scales cannot show 0: smaller values (a 0 µs token gap) are drawn at 1 µs. */
  static final double FLOOR_MS = 0.001;

  /**
   * One metric's curves.
   *
   * @param x grid of 1/(1-p), ascending, from 1 (p = 0)
   * @param labels curve names: "all" first, then conversations in name order
   * @param counts samples behind each curve
   * @param values per curve, ms at each grid point (null past the curve's end)
   */
  record Curves(
      List<Double> x, List<String> labels, List<Long> counts, List<List<Double>> values) {}

  private PercentileCurves() {}

  /**
   * @param encoded tag label to base64 compressed histogram (µs), as in results.histograms
   */
  static Curves of(Map<String, String> encoded) {
    Map<String, Histogram> histograms = new LinkedHashMap<>();
    if (encoded.containsKey("all")) {
      histograms.put("all", HistogramCodec.decode(encoded.get("all")));
    }
    new TreeMap<>(encoded)
        .forEach(
            (tag, base64) -> {
              if (!tag.equals("all")) {
                histograms.put(tag, HistogramCodec.decode(base64));
              }
            });
    // One conversation: its curve is the "all" curve, drawn once.
    if (histograms.size() == 2 && histograms.containsKey("all")) {
      histograms.keySet().retainAll(List.of("all"));
    }
    histograms.values().removeIf(h -> h.getTotalCount() == 0);
    List<Double> grid = grid(histograms);
    List<String> labels = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    List<List<Double>> values = new ArrayList<>();
    histograms.forEach(
        (label, h) -> {
          labels.add(label);
          counts.add(h.getTotalCount());
          values.add(sample(h, grid));
        });
    return new Curves(grid, labels, counts, values);
  }

  private static List<Double> grid(Map<String, Histogram> histograms) {
    long maxCount =
        histograms.values().stream().mapToLong(Histogram::getTotalCount).max().orElse(1);
    TreeSet<Double> xs = new TreeSet<>();
    for (int k = 0; ; k++) {
      double x = Math.pow(10, (double) k / STEPS_PER_DECADE);
      if (x > maxCount) {
        break;
      }
      xs.add(round(x));
    }
    histograms.values().forEach(h -> xs.add((double) h.getTotalCount()));
    return List.copyOf(xs);
  }

  private static List<Double> sample(Histogram h, List<Double> grid) {
    long n = h.getTotalCount();
    List<Double> out = new ArrayList<>(grid.size());
    for (double x : grid) {
      if (x > n) {
        out.add(null);
      } else if (x == n) {
        out.add(ms(h.getMaxValue()));
      } else {
        out.add(ms(h.getValueAtPercentile(100.0 * (1.0 - 1.0 / x))));
      }
    }
    return out;
  }

  private static double ms(long micros) {
    return Math.max(FLOOR_MS, micros / 1000.0);
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
