package dev.streamstorm.bench;

import java.util.List;

/**
 * The cold-start step's results: every run, and per client the medians against the floor's.
 *
 * @param workload what every client ran ({@link Workload#describe})
 * @param seconds how long each started messages
 * @param runs in the order they ran
 * @param summary the floor first, then each streamstorm launch
 * @param notes what was left out and why (no launcher next to the jar...)
 */
public record ColdStep(
    String workload,
    double seconds,
    List<ColdRun> runs,
    List<ColdSummary> summary,
    List<String> notes) {}
