package dev.streamstorm.metrics.results;

/**
 * One agent of a distributed run and how its generator fared, so that an overloaded agent is
 * visible even when the merged figures look fine.
 *
 * @param name the agent's name ({@code --name}, else its host name)
 * @param host the address it joined the cluster with
 * @param eventLoops event loops it drove its share with
 * @param messages messages it ended (ok or failed) that reached the coordinator
 * @param loopLagP99Ms its event-loop lag p99
 * @param loopLagMaxMs its worst event-loop lag
 * @param cpuMeanPercent its process CPU, mean over intervals (100 = every core of that machine)
 * @param cpuMaxPercent its busiest interval's process CPU
 * @param busiestLoopMaxPercent the highest CPU share of one of its event-loop threads
 * @param healthy false when its lag or CPU were high enough to distort latencies
 * @param lost true when the coordinator lost it during the run (see {@code run.lost})
 */
public record AgentHealth(
    String name,
    String host,
    int eventLoops,
    long messages,
    double loopLagP99Ms,
    double loopLagMaxMs,
    double cpuMeanPercent,
    double cpuMaxPercent,
    double busiestLoopMaxPercent,
    boolean healthy,
    boolean lost) {}
