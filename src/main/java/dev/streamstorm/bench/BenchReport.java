package dev.streamstorm.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Everything one {@code streamstorm bench} invocation measured; written as JSON by {@code --out}.
 *
 * @param machine where and under what load it ran
 * @param cost streamstorm against the floor, per protocol
 * @param calibrate streamstorm's steps, lowest concurrency first
 * @param verdict the calibrate answer
 * @param calibrateFloor the floor client at the same steps (with --with-floor; else empty)
 * @param scale the large, long runs
 * @param cold each client's cold start in a fresh JVM, against the floor's (null when not run)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BenchReport(
    Machine machine,
    List<CostComparison> cost,
    List<StepResult> calibrate,
    Verdict verdict,
    List<StepResult> calibrateFloor,
    List<StepResult> scale,
    ColdStep cold) {

  /**
   * @param cores processors the JVM sees
   * @param java runtime version
   * @param maxHeapMiB the generator JVM's heap limit
   * @param collector the generator JVM's garbage collector (G1, Parallel, ...), null when unknown
   * @param server where the server ran ("child JVM" and its options, or the URL given)
   * @param loadAverageStart 1-minute load average before the first step
   * @param loadAverageEnd after the last
   */
  public record Machine(
      int cores,
      String java,
      double maxHeapMiB,
      String collector,
      String server,
      double loadAverageStart,
      double loadAverageEnd) {}

  /**
   * @param ratio streamstorm's CPU per token event over the floor's (target: at most 1.2)
   */
  public record CostComparison(
      String protocol, StepResult floor, StepResult streamstorm, double ratio) {

    static CostComparison of(StepResult floor, StepResult streamstorm) {
      return new CostComparison(
          streamstorm.workload().protocol().id(),
          floor,
          streamstorm,
          Cost.round(streamstorm.cost().cpuUsPerEvent() / floor.cost().cpuUsPerEvent(), 2));
    }
  }
}
