package dev.streamstorm.metrics.results;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.HdrHistogram.Histogram;

/**
 * Distribution summary of one metric. Time metrics are in milliseconds; counts as they are.
 *
 * @param unit "ms" or "count"
 */
@JsonPropertyOrder({"unit", "count", "min", "mean", "p50", "p90", "p95", "p99", "p999", "max"})
public record Summary(
    String unit,
    long count,
    double min,
    double mean,
    double p50,
    double p90,
    double p95,
    double p99,
    double p999,
    double max) {

  /** Summarises a histogram whose values are µs (time) or plain counts. */
  public static Summary of(Histogram h, boolean time) {
    double scale = time ? 1_000.0 : 1.0;
    if (h == null || h.getTotalCount() == 0) {
      return new Summary(time ? "ms" : "count", 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    return new Summary(
        time ? "ms" : "count",
        h.getTotalCount(),
        round(h.getMinValue() / scale),
        round(h.getMean() / scale),
        round(h.getValueAtPercentile(50) / scale),
        round(h.getValueAtPercentile(90) / scale),
        round(h.getValueAtPercentile(95) / scale),
        round(h.getValueAtPercentile(99) / scale),
        round(h.getValueAtPercentile(99.9) / scale),
        round(h.getMaxValue() / scale));
  }

  /** Three decimals: microsecond resolution for milliseconds. */
  public static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  /** The value of an aggregate by name (p95, mean, max, ...); NaN when unknown. */
  public double value(String aggregate) {
    return switch (aggregate) {
      case "count" -> count;
      case "min" -> min;
      case "mean" -> mean;
      case "p50" -> p50;
      case "p90" -> p90;
      case "p95" -> p95;
      case "p99" -> p99;
      case "p999", "p99.9" -> p999;
      case "max" -> max;
      default -> Double.NaN;
    };
  }
}
