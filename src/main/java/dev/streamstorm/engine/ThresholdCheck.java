package dev.streamstorm.engine;

import dev.streamstorm.metrics.MetricsView;
import dev.streamstorm.metrics.results.ThresholdResult;
import dev.streamstorm.metrics.threshold.ThresholdEvaluator;
import dev.streamstorm.scenario.ThresholdSpec;
import java.util.List;
import java.util.Set;

/** Evaluates a scenario's thresholds on the run's metrics. */
public final class ThresholdCheck {
  private ThresholdCheck() {}

  /**
   * Every threshold with its measured value and verdict; {@code aborted} marks those that stopped
   * the run.
   */
  public static List<ThresholdResult> evaluate(
      List<ThresholdSpec> specs, MetricsView view, Set<ThresholdSpec> aborted) {
    return specs.stream()
        .map(
            s -> {
              double measured = ThresholdEvaluator.measure(s.threshold(), view);
              return new ThresholdResult(
                  s.threshold().metric(),
                  s.threshold().tags(),
                  s.expression(),
                  round(measured),
                  ThresholdEvaluator.passes(s.threshold(), measured),
                  aborted.contains(s));
            })
        .toList();
  }

  /** True when an abortOnFail threshold past its grace delay fails now (k6's abortOnFail). */
  static boolean failsNow(ThresholdSpec s, MetricsView view, long elapsedNs) {
    if (!s.abortOnFail() || elapsedNs < s.abortGrace().toNanos()) {
      return false;
    }
    return !ThresholdEvaluator.passes(
        s.threshold(), ThresholdEvaluator.measure(s.threshold(), view));
  }

  private static double round(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 1000.0) / 1000.0;
  }
}
