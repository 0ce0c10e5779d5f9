package dev.streamstorm.live;

import dev.streamstorm.metrics.Metric;

/**
 * The classic (fixed) histogram buckets the live outputs expose per metric, in exported units
 * (seconds for time metrics, a count for per-message counts). Chosen for LLM latencies and close to
 * what vLLM's own server metrics use, so that a client's and a server's histograms can be read side
 * by side: first-token-like times from 1 ms to 40 min, inter-token times finely between 1 and 100
 * ms, whole messages from 0.3 s to 2 h, the generator's own lag from 0.1 ms.
 */
public final class BucketLayout {
  /** ttft, ttfb, ttfr, ttfc, connect, session, send delay and any new time metric. */
  static final double[] FIRST_TOKEN = {
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40,
    80, 160, 640, 2560
  };

  /** itl and tpot: tokens a few to a few hundred milliseconds apart. */
  static final double[] INTER_TOKEN = {
    0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2,
    0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 10
  };

  /** e2e and the other whole-message times. */
  static final double[] WHOLE_MESSAGE = {
    0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480, 960, 1920, 7680
  };

  /** The generator's loop lag and collection pauses: healthy well under 10 ms. */
  static final double[] GENERATOR = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1
  };

  /** Per-message counts: tokens, chunks, reasoning tokens, tool calls. */
  static final double[] PER_MESSAGE = {
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000
  };

  private BucketLayout() {}

  /** The upper bounds (without +Inf) for the metric with this id. */
  public static double[] of(String metricId, boolean time) {
    if (!time) {
      return PER_MESSAGE;
    }
    return switch (metricId) {
      case "itl", "tpot" -> INTER_TOKEN;
      case "e2e", "e2e_service", "think_time", "retry_wait" -> WHOLE_MESSAGE;
      case "generator_lag", "generator_gc" -> GENERATOR;
      default -> FIRST_TOKEN;
    };
  }

  /**
   * True for the histogram metrics the live outputs export: every {@link Metric} the loops record
   * per message or per probe. The generator's CPU is recorded only into the run's totals, once per
   * interval, and goes out as a gauge instead.
   */
  public static boolean exported(Metric m) {
    return m != Metric.GENERATOR_CPU && m != Metric.GENERATOR_LOOP_CPU;
  }
}
