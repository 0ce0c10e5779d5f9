package dev.streamstorm.live;

import java.util.Map;

/**
 * What one interval showed over all messages, for the dashboard's per-interval charts.
 *
 * @param ok messages that succeeded in it
 * @param failed messages that failed
 * @param tokens output tokens of the successful ones
 * @param errors failures by error class (only the classes that occurred)
 * @param percentilesMs p50, p95 and p99 (ms) of ttft, e2e, itl and tpot in it; absent when none
 * @param lagP99Ms the generator's event-loop lag p99 (ms), 0 when not probed
 */
public record IntervalFigures(
    long ok,
    long failed,
    long tokens,
    Map<String, Long> errors,
    Map<String, double[]> percentilesMs,
    double lagP99Ms) {}
