package dev.streamstorm.engine;

import dev.streamstorm.scenario.LoadSpec;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Open model: conversations arrive on a schedule whatever the server does (k6's
 * constant/ramping-arrival-rate). Each event loop runs its share of the schedule with its own
 * timer, so arrivals never hop threads; each conversation's clock starts at its scheduled instant,
 * so a late start (a slow generator or a full maxInFlight) shows in its latency instead of hiding.
 */
final class OpenLoadDriver implements LoadDriver {
  private final LoadSpec.Open spec;
  private final StageProfile rate;
  private final List<LoadWorker> workers;
  private final RunContext run;
  private final RunUsers users;
  private final IntFunction<Long> seedFor;
  private final AtomicLong arrivals = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private final long endNs;
  private final SweepPlan sweep;
  private final double arrivalPhase;
  private volatile boolean stopped;

  OpenLoadDriver(
      LoadSpec.Open spec,
      StageProfile rate,
      List<LoadWorker> workers,
      RunContext run,
      RunUsers users,
      IntFunction<Long> seedFor,
      long plannedNs,
      SweepPlan sweep,
      double arrivalPhase) {
    this.sweep = sweep;
    this.arrivalPhase = arrivalPhase;
    this.spec = spec;
    this.rate = rate;
    this.workers = workers;
    this.run = run;
    this.users = users;
    this.seedFor = seedFor;
    this.endNs = plannedNs == Long.MAX_VALUE ? Long.MAX_VALUE : run.startNs + plannedNs;
  }

  /** The rate profile of an open-model spec: the start rate, then the stages' rate targets. */
  static StageProfile profileOf(LoadSpec.Open spec) {
    return spec.stages().isEmpty()
        ? StageProfile.constant(spec.rate())
        : new StageProfile(spec.rate(), spec.stages());
  }

  @Override
  public void start() {
    for (LoadWorker w : workers) {
      ArrivalSequence seq =
          spec.distribution() == LoadSpec.Distribution.POISSON
              ? ArrivalSequence.poisson(
                  rate, workers.size(), new SplittableRandom(seedFor.apply(-1 - w.index)))
              : ArrivalSequence.constant(rate, w.index, workers.size(), arrivalPhase);
      w.run(() -> scheduleNext(w, seq, seq.nextFireTimeNs()));
    }
  }

  /** Runs on {@code w}'s loop: starts every arrival that is due, then waits for the next one. */
  private void scheduleNext(LoadWorker w, ArrivalSequence seq, long nextOffsetNs) {
    long offset = nextOffsetNs;
    while (true) {
      if (stopped || run.stopping() || run.conversationsExhausted() || offset == Long.MAX_VALUE) {
        return;
      }
      long dueNs = run.startNs + offset;
      if (dueNs >= endNs) {
        return;
      }
      long now = System.nanoTime();
      if (dueNs > now) {
        long next = offset;
        run.vertx.setTimer(
            Math.max(1, (dueNs - now + 999_999) / 1_000_000), t -> scheduleNext(w, seq, next));
        return;
      }
      arrive(w, dueNs);
      offset = seq.nextFireTimeNs();
    }
  }

  private void arrive(LoadWorker w, long scheduledNs) {
    arrivals.incrementAndGet();
    if (run.activeUsers.get() >= spec.maxInFlight()) {
      dropped.incrementAndGet();
      return;
    }
    int id = nextId.getAndIncrement();
    VirtualUser vu = new VirtualUser(id, w, run, 1, seedFor.apply(id), scheduledNs);
    users.add(vu);
    vu.start();
  }

  @Override
  public void tick(long elapsedNs) {
    // Arrivals drive themselves on their loops. A user counts as active before it claims its
    // conversation, so none is left once the last claimed one has ended.
    if (run.conversationsExhausted() && run.activeUsers.get() == 0) {
      run.stop("iterations");
    }
  }

  @Override
  public void retireAll() {
    stopped = true;
  }

  /** The rate asked for now; 0 once the schedule is over (the drain asks for no arrivals). */
  @Override
  public double targetRate(long elapsedNs) {
    if (stopped || run.stopping() || run.startNs + elapsedNs >= endNs) {
      return 0;
    }
    return rate.levelAt(elapsedNs);
  }

  @Override
  public int stage(long elapsedNs) {
    if (sweep != null) {
      return sweep.stepAt(elapsedNs) + 1;
    }
    return spec.stages().isEmpty() ? 0 : rate.stageAt(elapsedNs);
  }

  @Override
  public long arrivals() {
    return arrivals.get();
  }

  @Override
  public long dropped() {
    return dropped.get();
  }

  @Override
  public long[] stageBoundariesNs() {
    return sweep != null ? sweep.boundariesNs() : rate.boundariesNs();
  }

  @Override
  public long plannedNs() {
    return spec.limits()
        .duration()
        .map(d -> d.toNanos())
        .orElse(spec.stages().isEmpty() ? Long.MAX_VALUE : rate.totalNs());
  }
}
