package dev.streamstorm.engine;

import dev.streamstorm.scenario.LoadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The staircase of a rate sweep: rates start, start+step, ... up to max, each held for the step
 * duration. Pure and immutable.
 */
final class SweepPlan {
  private final LoadSpec.Sweep sweep;
  private final List<Double> rates = new ArrayList<>();

  SweepPlan(LoadSpec.Sweep sweep) {
    this.sweep = sweep;
    // A tiny tolerance keeps max reachable despite floating-point steps (0.1 + 0.2 ...).
    for (double r = sweep.startRate(); r <= sweep.maxRate() * (1 + 1e-9); r += sweep.stepRate()) {
      rates.add(r);
    }
  }

  List<Double> rates() {
    return rates;
  }

  long stepNs() {
    return sweep.stepDuration().toNanos();
  }

  /** The 0-based step at {@code elapsedNs}; past the end, the last. */
  int stepAt(long elapsedNs) {
    return (int) Math.min(rates.size() - 1, elapsedNs / stepNs());
  }

  /** The rate profile: each rate held for a step, jumping between steps. */
  StageProfile profile() {
    List<LoadSpec.Stage> stages = new ArrayList<>();
    for (int i = 0; i < rates.size(); i++) {
      if (i > 0) {
        stages.add(new LoadSpec.Stage(Duration.ZERO, rates.get(i)));
      }
      stages.add(new LoadSpec.Stage(sweep.stepDuration(), rates.get(i)));
    }
    return new StageProfile(rates.get(0), stages);
  }

  /** Step ends in ns from the start, for charts. */
  long[] boundariesNs() {
    long[] b = new long[rates.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (i + 1) * stepNs();
    }
    return b;
  }

  LoadSpec.Sweep spec() {
    return sweep;
  }
}
