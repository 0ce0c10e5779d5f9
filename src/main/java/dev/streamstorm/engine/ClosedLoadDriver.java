package dev.streamstorm.engine;

import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.scenario.LoadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Closed model: a crowd of users, constant or ramped along stages (k6's ramping-vus). Users added
 * round-robin across event loops; when the target drops, the newest users leave after their current
 * message. Ticker-thread confined.
 */
final class ClosedLoadDriver implements LoadDriver {

  /**
   * A ramp's users due before the next tick are added at this tick, each to start at its own
   * instant within it. Started together, users whose messages take equally long stay in step for
   * the whole run: at 1,000 users a second, 50 first tokens, then 50 tokens, arrived in the same
   * millisecond every message (calibrate's 2,000-stream step; docs/performance.md).
   */
  private static final long SPREAD_NS = TimeUnit.MILLISECONDS.toNanos(Run.DRIVER_TICK_MS);

  private final LoadSpec.Closed spec;
  private final StageProfile profile;
  private final List<LoadWorker> workers;
  private final IntFunction<Long> seedFor;
  private final RunUsers users;
  private final RunContext run;
  private final List<VirtualUser> active = new ArrayList<>();
  private int nextId = 1;
  private boolean retired;

  ClosedLoadDriver(
      LoadSpec.Closed spec,
      List<LoadWorker> workers,
      RunContext run,
      RunUsers users,
      IntFunction<Long> seedFor) {
    this.spec = spec;
    this.workers = workers;
    this.run = run;
    this.users = users;
    this.seedFor = seedFor;
    this.profile =
        spec.stages().isEmpty()
            ? StageProfile.constant(spec.vus())
            : new StageProfile(0, spec.stages());
  }

  @Override
  public void start() {
    tick(0);
  }

  @Override
  public void tick(long elapsedNs) {
    if (retired) {
      return;
    }
    double level = profile.levelAt(elapsedNs);
    double nextLevel = profile.levelAt(elapsedNs + SPREAD_NS);
    int target = Math.max((int) Math.round(level), (int) Math.round(nextLevel));
    while (active.size() < target && !run.stopping()) {
      int id = nextId++;
      LoadWorker w = workers.get((id - 1) % workers.size());
      VirtualUser vu =
          new VirtualUser(
              id, w, run, run.iterationsPerUser(), seedFor.apply(id), MessageOutcome.NONE);
      long delayNs = startDelayNs(active.size() + 1, level, nextLevel, SPREAD_NS);
      active.add(vu);
      users.add(vu);
      w.run(() -> vu.start(delayNs));
    }
    while (active.size() > target) {
      VirtualUser vu = active.remove(active.size() - 1);
      long graceNs = spec.gracefulStop().toNanos();
      vu.worker().run(() -> vu.retire(graceNs));
    }
    // A user that finished its iterations keeps its place (it is not replaced); once all have,
    // the run is complete.
    if (!active.isEmpty() && active.stream().allMatch(VirtualUser::isFinished)) {
      run.stop("iterations");
    }
  }

  /**
   * When the {@code n}th user is due, from now, with the level going from {@code level} now to
   * {@code nextLevel} in {@code spanNs} (linear in between; a level rounds to its users, so the nth
   * is due at n - 0.5): 0 when due already or when the level does not rise.
   */
  static long startDelayNs(int n, double level, double nextLevel, long spanNs) {
    double due = n - 0.5;
    if (due <= level || nextLevel <= level) {
      return 0;
    }
    double share = Math.min(1.0, (due - level) / (nextLevel - level));
    return (long) (share * spanNs);
  }

  @Override
  public void retireAll() {
    retired = true;
  }

  @Override
  public double targetRate(long elapsedNs) {
    return 0;
  }

  @Override
  public int stage(long elapsedNs) {
    return spec.stages().isEmpty() ? 0 : profile.stageAt(elapsedNs);
  }

  @Override
  public long arrivals() {
    return 0;
  }

  @Override
  public long dropped() {
    return 0;
  }

  @Override
  public long[] stageBoundariesNs() {
    return profile.boundariesNs();
  }

  @Override
  public long plannedNs() {
    return spec.limits()
        .duration()
        .map(d -> d.toNanos())
        .orElse(spec.stages().isEmpty() ? Long.MAX_VALUE : profile.totalNs());
  }
}
