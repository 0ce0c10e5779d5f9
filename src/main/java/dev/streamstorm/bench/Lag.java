package dev.streamstorm.bench;

import org.HdrHistogram.Histogram;

/**
 * Event-loop lag over a window (ms): how long a probe task waited for a loop.
 *
 * @param samples probes recorded
 */
public record Lag(long samples, double p50Ms, double p99Ms, double maxMs) {

  static Lag of(Histogram microseconds) {
    if (microseconds == null || microseconds.getTotalCount() == 0) {
      return new Lag(0, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Lag(
        microseconds.getTotalCount(),
        ms(microseconds.getValueAtPercentile(50)),
        ms(microseconds.getValueAtPercentile(99)),
        ms(microseconds.getMaxValue()));
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
