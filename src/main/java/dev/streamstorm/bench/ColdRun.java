package dev.streamstorm.bench;

/**
 * One client's cold run: a fresh JVM started, its users started at once, every message counted.
 *
 * @param client which client and how it was started ({@link ColdStart.Client#label})
 * @param repetition 1, 2, ...
 * @param position its place in the repetition's order (1 first)
 * @param figures what it measured over the run
 * @param wallSeconds from starting the JVM to its exit
 * @param loadBefore the machine's 1-minute load average just before
 * @param loadAfter just after
 * @param command the command line that ran it
 */
public record ColdRun(
    String client,
    int repetition,
    int position,
    ColdFigures figures,
    double wallSeconds,
    double loadBefore,
    double loadAfter,
    String command) {}
