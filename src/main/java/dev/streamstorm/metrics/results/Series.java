package dev.streamstorm.metrics.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Per-interval time series for charts and re-rendered reports.
 *
 * @param intervalSeconds nominal interval length
 * @param points one per interval, warm-up included (flagged)
 */
public record Series(double intervalSeconds, List<Point> points) {

  /**
   * One interval.
   *
   * @param t seconds from the start at the interval's end
   * @param warmup true when inside the warm-up
   * @param activeUsers users alive (closed) or conversations in flight (open)
   * @param inFlight messages streaming
   * @param targetRate arrivals/s asked for (open model)
   * @param arrivals arrivals started
   * @param dropped arrivals refused by maxInFlight
   * @param stage 1-based stage index
   * @param ok messages that succeeded in the interval
   * @param failed messages that failed
   * @param tokens output tokens of successful messages
   * @param errors failures by class (only classes that occurred)
   * @param ttft ttft percentiles in the interval (ms): p50, p95, p99
   * @param e2e likewise for e2e
   * @param loopLagP99 generator loop lag p99 (ms)
   * @param cpuPercent process CPU
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Point(
      double t,
      Boolean warmup,
      int activeUsers,
      int inFlight,
      Double targetRate,
      Long arrivals,
      Long dropped,
      Integer stage,
      long ok,
      long failed,
      long tokens,
      Map<String, Long> errors,
      double[] ttft,
      double[] e2e,
      double loopLagP99,
      double cpuPercent) {}
}
