package dev.streamstorm.engine;

/**
 * Where a run stands, for progress displays.
 *
 * @param elapsedNs since the load started
 * @param plannedNs planned length, or Long.MAX_VALUE when only other limits end it
 * @param stage 1-based stage index, 0 without stages
 * @param stages number of stages
 * @param openModel true for arrival-rate load
 * @param endReason null while running
 * @param warmingUp true inside the warm-up, whose messages are not measured
 * @param agentsHealthy agents of a distributed run that report in time and are not overloaded
 * @param agentsTotal agents the distributed run started with; 0 for a run in this JVM
 */
public record RunStatus(
    long elapsedNs,
    long plannedNs,
    int stage,
    int stages,
    boolean openModel,
    String endReason,
    boolean warmingUp,
    int agentsHealthy,
    int agentsTotal) {

  /** A run in this JVM (no agents). */
  public RunStatus(
      long elapsedNs,
      long plannedNs,
      int stage,
      int stages,
      boolean openModel,
      String endReason,
      boolean warmingUp) {
    this(elapsedNs, plannedNs, stage, stages, openModel, endReason, warmingUp, 0, 0);
  }
}
