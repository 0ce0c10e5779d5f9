package dev.streamstorm.engine;

import java.util.random.RandomGenerator;

/**
 * When the next arrival of one event loop's share of an open-model schedule is due (Hyperfoil's
 * FireTimeSequence). The whole schedule's expected arrivals up to time t is the integral of the
 * rate; arrival number g (0-based) of a constant schedule is due where that integral reaches g, and
 * the loops take every n-th. A Poisson schedule is the same process time-rescaled: arrivals where
 * the integral reaches sums of exponential draws, each loop running its own process at 1/n of the
 * rate (the sum of independent Poisson processes is Poisson). Single-threaded.
 */
public interface ArrivalSequence {

  /** Nanoseconds from the run's start of the next arrival, or Long.MAX_VALUE for none. */
  long nextFireTimeNs();

  static ArrivalSequence constant(StageProfile rate, int loop, int loops) {
    return constant(rate, loop, loops, 0);
  }

  /**
   * As {@link #constant(StageProfile, int, int)}, shifted by {@code phase} (0 to 1) of one arrival
   * of this schedule: agent k of n of a distributed run, each running 1/n of the rate, uses k/n, so
   * that the agents' arrivals interleave as one schedule's would instead of coming in bursts.
   */
  static ArrivalSequence constant(StageProfile rate, int loop, int loops, double phase) {
    return new ArrivalSequence() {
      private double next = loop + phase;

      @Override
      public long nextFireTimeNs() {
        long t = rate.inverseIntegral(next);
        next += loops;
        return t;
      }
    };
  }

  static ArrivalSequence poisson(StageProfile rate, int loops, RandomGenerator random) {
    return new ArrivalSequence() {
      private double x;

      @Override
      public long nextFireTimeNs() {
        x += -Math.log(1.0 - random.nextDouble()) * loops;
        return rate.inverseIntegral(x);
      }
    };
  }
}
