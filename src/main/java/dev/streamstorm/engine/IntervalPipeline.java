package dev.streamstorm.engine;

import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.RunAccumulator;
import dev.streamstorm.metrics.results.SweepResult;
import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.ThresholdSpec;
import dev.streamstorm.scenario.UsageRule;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What becomes of every closed interval of a run: it is added to the run's totals, judged
 * (abortOnFail thresholds, rate-sweep steps) when the run judges itself, and shown to the
 * listeners. A local {@link Run} feeds it its own intervals; a distributed run's coordinator feeds
 * it the merged intervals of its agents, so thresholds, sweeps and every output behave as they do
 * in one JVM. Confined to one thread (the run's ticker, or the coordinator's).
 */
public final class IntervalPipeline {
  private final Scenario scenario;
  private final long startNs;
  private final RunAccumulator accumulator;
  private final List<IntervalListener> listeners;
  private final Set<ThresholdSpec> aborted = new HashSet<>();
  private final SweepController sweep;
  private final boolean verdicts;

  /**
   * @param scenario what runs (its thresholds, warm-up and sweep are read)
   * @param startNs when the load started (System.nanoTime())
   * @param interval nominal interval length
   * @param listeners told about every interval; the list is read live, so listeners added to it
   *     later are told too
   * @param verdicts true when this pipeline decides abortOnFail and sweep stops; false when someone
   *     else judges the merged intervals (a distributed run's agents)
   */
  public IntervalPipeline(
      Scenario scenario,
      long startNs,
      Duration interval,
      List<IntervalListener> listeners,
      boolean verdicts) {
    this.scenario = scenario;
    this.startNs = startNs;
    this.listeners = listeners;
    this.verdicts = verdicts;
    long warmupEndNs = startNs + scenario.load().limits().warmup().toNanos();
    this.accumulator =
        new RunAccumulator(
            startNs, warmupEndNs, interval.toMillis() / 1000.0, msUsage(scenario.stream()));
    this.sweep =
        verdicts && scenario.load() instanceof LoadSpec.Open open && open.sweep().isPresent()
            ? new SweepController(new SweepPlan(open.sweep().get()), !scenario.slo().isEmpty())
            : null;
  }

  /**
   * Adds {@code s} to the totals and, unless the run is already {@code stopping}, judges it.
   *
   * @return why the run must stop now ("aborted" by a threshold, "sweep" at a failed step), or null
   */
  public String accept(IntervalSnapshot s, boolean stopping) {
    accumulator.accept(s);
    if (!verdicts || stopping) {
      return null;
    }
    long elapsedNs = s.endNs() - startNs;
    for (ThresholdSpec t : scenario.thresholds()) {
      if (ThresholdCheck.failsNow(t, accumulator, elapsedNs)) {
        aborted.add(t);
        return "aborted";
      }
    }
    // An interval belongs to the sweep step its middle falls in (ticks drift a little past bounds).
    if (sweep != null && sweep.onInterval(s, (s.startNs() + s.endNs()) / 2 - startNs) != null) {
      return "sweep";
    }
    return null;
  }

  /** The usage names whose values the scenario says are milliseconds. */
  static Set<String> msUsage(StreamSpec stream) {
    Set<String> names = new HashSet<>();
    stream
        .usage()
        .forEach(
            (name, rule) -> {
              if (rule.unit() == UsageRule.Unit.MS) {
                names.add(name);
              }
            });
    return Set.copyOf(names);
  }

  /** Tells every listener about {@code s}. */
  public void publish(IntervalSnapshot s, RunStatus status) {
    for (IntervalListener l : listeners) {
      l.onInterval(s, status);
    }
  }

  public RunAccumulator accumulator() {
    return accumulator;
  }

  /** The abortOnFail thresholds that stopped the run (empty when none did). */
  public Set<ThresholdSpec> abortedBy() {
    return Set.copyOf(aborted);
  }

  /** The sweep's steps and verdict after a run of {@code durationNs}; null without a sweep. */
  public SweepResult sweepResult(long durationNs) {
    return sweep == null ? null : sweep.finish(durationNs);
  }
}
