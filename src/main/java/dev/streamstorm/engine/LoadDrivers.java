package dev.streamstorm.engine;

import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Scenario;
import java.time.Duration;
import java.util.List;

/**
 * Which {@link LoadDriver} puts a scenario's load on (closed users, or open arrivals with their
 * stages or rate sweep), and the seeds it hands out: the scenario's seed mixed with the user's id
 * (SplitMix64's finaliser). Called once, on the run's ticker thread, when the load begins.
 */
final class LoadDrivers {
  private LoadDrivers() {}

  /**
   * The driver for {@code scenario}'s load model.
   *
   * @param arrivalPhase the shift of constant-spaced arrivals (see {@link Run.Config})
   */
  static LoadDriver forScenario(
      Scenario scenario,
      List<LoadWorker> workers,
      RunContext run,
      RunUsers users,
      double arrivalPhase) {
    long seed = scenario.seed();
    return scenario.load() instanceof LoadSpec.Open open
        ? openDriver(open, seed, workers, run, users, arrivalPhase)
        : new ClosedLoadDriver(
            (LoadSpec.Closed) scenario.load(), workers, run, users, id -> mix(seed, id));
  }

  private static LoadDriver openDriver(
      LoadSpec.Open open,
      long seed,
      List<LoadWorker> workers,
      RunContext run,
      RunUsers users,
      double arrivalPhase) {
    StageProfile rate = OpenLoadDriver.profileOf(open);
    SweepPlan plan = open.sweep().map(SweepPlan::new).orElse(null);
    if (plan != null) {
      rate = plan.profile();
    }
    long planned =
        open.limits()
            .duration()
            .map(Duration::toNanos)
            .orElse(open.stages().isEmpty() ? Long.MAX_VALUE : rate.totalNs());
    return new OpenLoadDriver(
        open, rate, workers, run, users, id -> mix(seed, id), planned, plan, arrivalPhase);
  }

  private static long mix(long seed, long id) {
    long z = seed + id * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
