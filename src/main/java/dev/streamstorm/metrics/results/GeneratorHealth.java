package dev.streamstorm.metrics.results;

import java.util.List;

/**
 * How the load generator itself fared: when it lagged, latencies include its own delay.
 *
 * @param eventLoops event loops used
 * @param loopLag distribution of event-loop lag (ms)
 * @param cpuMeanPercent process CPU, 100 = every core busy
 * @param cpuMaxPercent the busiest interval's process CPU
 * @param busiestLoopMaxPercent the highest CPU share of one event-loop thread in any interval
 * @param healthy false when lag or CPU were high enough to distort latencies
 * @param warnings what was wrong, in words
 */
public record GeneratorHealth(
    int eventLoops,
    Summary loopLag,
    double cpuMeanPercent,
    double cpuMaxPercent,
    double busiestLoopMaxPercent,
    boolean healthy,
    List<String> warnings) {}
