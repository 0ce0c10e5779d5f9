package dev.streamstorm.metrics.threshold;

import java.util.Map;

/**
 * A parsed pass/fail rule on a metric, such as {@code ttft{conversation:x} p95 < 2s}.
 *
 * @param metric the metric name ({@code ttft}, {@code errors}, {@code llm_calls}, ...)
 * @param tags breakdown the rule applies to: {@code conversation} and/or {@code turn}; empty for
 *     the whole run
 * @param aggregate what is read from the metric
 * @param op how the measured value compares with {@code value}
 * @param value the limit, normalised: milliseconds for time metrics (except {@code count}), a
 *     fraction for error rates and goodput ratio, per second for message and goodput rates, a plain
 *     number otherwise
 * @param source the rule as written, for messages and reports
 */
public record Threshold(
    String metric,
    Map<String, String> tags,
    Aggregate aggregate,
    Op op,
    double value,
    String source) {

  /** True when the measured value satisfies the rule. */
  public boolean passes(double measured) {
    return op.test(measured, value);
  }
}
