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
   * the run, and those fail whatever their final value: a run cut short passes no gate.
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
                  !aborted.contains(s) && ThresholdEvaluator.passes(s.threshold(), measured),
                  aborted.contains(s));
            })
        .toList();
  }

  /**
   * True when an abortOnFail threshold, past its grace delay, fails now on what has been measured
   * and can no longer pass ({@link ThresholdEvaluator#couldStillPass}). Nothing measured yet is no
   * reason to abort.
   */
  static boolean failsNow(ThresholdSpec s, MetricsView view, long elapsedNs) {
    if (!s.abortOnFail() || elapsedNs < s.abortGrace().toNanos()) {
      return false;
    }
    double measured = ThresholdEvaluator.measure(s.threshold(), view);
    return !ThresholdEvaluator.couldStillPass(s.threshold(), measured);
  }

  private static double round(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 1000.0) / 1000.0;
  }
}
