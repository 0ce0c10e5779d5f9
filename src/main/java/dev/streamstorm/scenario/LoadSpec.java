package dev.streamstorm.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The load model: a closed crowd of virtual users, or open arrivals at a rate; and the limits that
 * end a run (whichever comes first).
 */
public sealed interface LoadSpec permits LoadSpec.Closed, LoadSpec.Open {

  Limits limits();

  /**
   * Virtual users, each running conversations back to back.
   *
   * @param vus the constant crowd when there are no stages; with stages, their peak target (for
   *     sizing pools)
   * @param stages k6-style ramps starting from 0 users: users move linearly to each stage's target
   *     over its duration; after the last stage the level holds until a limit ends the run; empty
   *     for a constant crowd of {@code vus}
   * @param gracefulStop how long a user being removed (or every user at the end) may finish its
   *     current message before it is cut
   * @param limits what ends the run
   */
  record Closed(int vus, List<Stage> stages, Duration gracefulStop, Limits limits)
      implements LoadSpec {}

  /**
   * Conversations arriving on a schedule, independent of how fast earlier ones finish.
   *
   * @param rate arrivals per second at the start (constant when there are no stages and no sweep;
   *     the sweep's start rate with a sweep)
   * @param distribution spacing of arrivals
   * @param stages rate ramps from {@code rate}: the rate moves linearly to each stage's target over
   *     its duration, then holds
   * @param maxInFlight conversations allowed at once; arrivals beyond it are counted as dropped
   * @param sweep optional stepping of the rate to find the highest sustainable one
   * @param gracefulStop how long conversations in flight at the end may finish
   * @param limits what ends the run
   */
  record Open(
      double rate,
      Distribution distribution,
      List<Stage> stages,
      int maxInFlight,
      Optional<Sweep> sweep,
      Duration gracefulStop,
      Limits limits)
      implements LoadSpec {}

  /** Spacing of open-model arrivals. */
  enum Distribution {
    CONSTANT,
    POISSON
  }

  /**
   * One ramp: over {@code duration}, move linearly to {@code target} (users, or arrivals per second
   * in the open model).
   */
  record Stage(Duration duration, double target) {}

  /**
   * GuideLLM-style rate sweep: start at {@code startRate}, hold each step for {@code stepDuration},
   * add {@code stepRate} until {@code maxRate} or until the step breaks the SLO (goodput ratio
   * below {@code minGoodRatio}) or the error budget (error rate above {@code maxErrorRate}).
   */
  record Sweep(
      double startRate,
      double stepRate,
      double maxRate,
      Duration stepDuration,
      double minGoodRatio,
      double maxErrorRate) {}

  /**
   * What ends a run; any limit left empty does not apply. At least a duration, an iteration count,
   * a message count or a token budget is set.
   *
   * @param duration wall-clock length of the load (warm-up included); the loader fills it with the
   *     stages' total (or a sweep's length) when the scenario gives none
   * @param iterationsPerUser conversations per virtual user (closed model only)
   * @param iterationsTotal conversations started in all
   * @param maxMessages messages completed in all (ok or failed)
   * @param maxTokens output tokens received in all: the budget cap for paid APIs
   * @param warmup a leading period whose measurements are discarded
   */
  record Limits(
      Optional<Duration> duration,
      Optional<Long> iterationsPerUser,
      Optional<Long> iterationsTotal,
      Optional<Long> maxMessages,
      Optional<Long> maxTokens,
      Duration warmup) {}
}
