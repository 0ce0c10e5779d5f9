package dev.streamstorm.metrics.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A rate sweep (GuideLLM's sweep): each step's rate and how the server fared, and the highest rate
 * it sustained within the SLO and the error budget.
 *
 * @param steps every step run, in order
 * @param maxSustainableRate the highest step rate that passed, or null when the first step failed
 *     or the run ended before the sweep did (no limit found)
 * @param stoppedBy why the sweep ended: "max" (every step passed), {@link #CUT}, or the failed
 *     step's reason
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepResult(List<Step> steps, Double maxSustainableRate, String stoppedBy) {

  /** The run ended (a duration, a limit, Ctrl-C) before the sweep reached a failing step. */
  public static final String CUT = "ended before the sweep finished";

  /** The highest step rate that passed, failed step or not; null when none did. */
  public Double highestPassedRate() {
    Double best = null;
    for (Step st : steps) {
      if (!st.passed()) {
        break;
      }
      best = st.rate();
    }
    return best;
  }

  /**
   * One step of the sweep.
   *
   * @param rate arrivals per second asked for
   * @param achievedRate arrivals per second started
   * @param ok messages that succeeded
   * @param failed messages that failed
   * @param dropped arrivals refused by maxInFlight
   * @param errorRate (failed + dropped) / (ok + failed + dropped)
   * @param goodRatio good / (ok + failed), null without an SLO
   * @param ttft p50, p95, p99 in ms over the step
   * @param e2e p50, p95, p99 in ms over the step
   * @param passed within the error budget and the SLO
   * @param reason why it failed, null when it passed
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(
      double rate,
      double achievedRate,
      long ok,
      long failed,
      long dropped,
      double errorRate,
      Double goodRatio,
      double[] ttft,
      double[] e2e,
      boolean passed,
      String reason) {}
}
