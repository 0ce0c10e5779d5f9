package dev.streamstorm.engine;

import dev.streamstorm.metrics.ErrorSample;
import dev.streamstorm.metrics.RunAccumulator;
import dev.streamstorm.metrics.results.AgentHealth;
import dev.streamstorm.metrics.results.LostAgent;
import dev.streamstorm.metrics.results.SweepResult;
import dev.streamstorm.scenario.ThresholdSpec;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a finished run hands to reporting: the accumulated metrics and how the run went.
 *
 * @param accumulator whole-run histograms, counters and series
 * @param endReason what ended it
 * @param startedAt wall-clock start
 * @param durationNs length of the load phase (start to the stop decision plus the drain)
 * @param measuredNs the part after warm-up
 * @param stageBoundariesNs stage ends from the start
 * @param eventLoops event loops used
 * @param errorSamples example failures
 * @param abortedBy the abortOnFail thresholds that stopped the run (empty when none did)
 * @param sweep the rate sweep's steps and verdict, null without a sweep
 * @param agents a distributed run's agents and how their generators fared; empty in one JVM
 * @param lost agents lost during a distributed run, with their share of the load; empty when none
 * @param transport the event loops' network transport (epoll, nio), null when not known
 */
public record RunOutcome(
    RunAccumulator accumulator,
    String endReason,
    Instant startedAt,
    long durationNs,
    long measuredNs,
    long[] stageBoundariesNs,
    int eventLoops,
    List<ErrorSample> errorSamples,
    Set<ThresholdSpec> abortedBy,
    SweepResult sweep,
    List<AgentHealth> agents,
    List<LostAgent> lost,
    String transport) {

  /** The outcome of a run in this JVM whose transport is not known. */
  public RunOutcome(
      RunAccumulator accumulator,
      String endReason,
      Instant startedAt,
      long durationNs,
      long measuredNs,
      long[] stageBoundariesNs,
      int eventLoops,
      List<ErrorSample> errorSamples,
      Set<ThresholdSpec> abortedBy,
      SweepResult sweep) {
    this(
        accumulator,
        endReason,
        startedAt,
        durationNs,
        measuredNs,
        stageBoundariesNs,
        eventLoops,
        errorSamples,
        abortedBy,
        sweep,
        List.of(),
        List.of(),
        null);
  }
}
