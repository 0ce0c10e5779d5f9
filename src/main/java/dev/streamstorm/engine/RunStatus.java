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
 */
public record RunStatus(
    long elapsedNs,
    long plannedNs,
    int stage,
    int stages,
    boolean openModel,
    String endReason,
    boolean warmingUp) {}
