package dev.streamstorm.bench;

import dev.streamstorm.engine.GcPauses;
import dev.streamstorm.engine.SocketBudget;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs the measurements {@link BenchOptions} asks for, one step after another, against one
 * bench-server (a child JVM it starts and stops, or the one given), and returns the report.
 */
public final class BenchRunner {

  /** File descriptors a JVM needs beyond one per stream (jars, epoll, pipes, the odd socket). */
  private static final int SPARE_FILES = 500;

  private final BenchOptions options;
  private final Consumer<String> progress;
  private int stepNumber;
  private int eventLoops;

  /**
   * @param progress told what is being measured, and each step's outcome, as it goes
   */
  public BenchRunner(BenchOptions options, Consumer<String> progress) {
    this.options = options;
    this.progress = progress;
  }

  public BenchReport run() {
    eventLoops =
        options.eventLoops() > 0
            ? options.eventLoops()
            : Runtime.getRuntime().availableProcessors();
    checkOpenFileLimit(maxStreams());
    double loadStart = loadAverage();
    CoreSplit split = options.splitCores() ? CoreSplit.ofThisProcess() : null;
    if (split != null) {
      split.pinThisJvm();
      progress.accept(split.describe());
    }
    ServerProcess child =
        options.target() == null
            ? ServerProcess.start(
                split == null ? List.of() : split.serverCommandPrefix(),
                options.serverJvmOptions(),
                List.of())
            : null;
    ServerStats stats = null;
    try {
      URI target = child == null ? options.target() : child.url();
      if (options.live()) {
        progress.accept(
            "streamstorm runs with its live outputs open: the dashboard with one event-stream"
                + " subscriber, /metrics scraped every second");
      }
      progress.accept(
          child == null
              ? "using bench-server at " + target
              : "started bench-server in a child JVM (pid " + child.pid() + ") at " + target);
      stats = new ServerStats(target);
      StepRunner steps =
          new StepRunner(
              stats,
              new Meter(stats, child == null ? -1 : child.pid()),
              options.ttftErrorsCsv() == null ? null : new ErrorsCsv(options.ttftErrorsCsv()));
      ColdStep cold = null;
      if (options.modes().contains(BenchOptions.Mode.COLD)) {
        // First, while this JVM has run nothing: the children share the machine with it.
        cold =
            new ColdStart(options, target, progress)
                .run(
                    options.costWorkload(options.protocols().get(0)),
                    options.coldSeconds(),
                    options.coldRepetitions());
      }
      List<BenchReport.CostComparison> cost = new ArrayList<>();
      List<StepResult> calibrate = new ArrayList<>();
      List<StepResult> calibrateFloor = new ArrayList<>();
      List<StepResult> scale = new ArrayList<>();
      if (options.modes().contains(BenchOptions.Mode.COST)) {
        for (int run = 0; run < options.costRuns(); run++) {
          for (Workload.Protocol p : options.protocols()) {
            cost.add(costOnce(steps, options.costWorkload(p), target, run % 2 == 1));
          }
        }
      }
      if (options.modes().contains(BenchOptions.Mode.CALIBRATE)) {
        Workload.Protocol p = options.protocols().get(0);
        if (cost.isEmpty() && options.jitWarmupSeconds() > 0) {
          warmUpJit(steps, options.costWorkload(p), target);
        }
        for (int streams : options.calibrateSteps()) {
          Workload w = options.paced(p, streams);
          if (options.calibrateWithFloor()) {
            calibrateFloor.add(
                measure(steps, StepResult.FLOOR, floor(w, target), w, pacedWarmup(w)));
          }
          calibrate.add(measureStreamstorm(steps, w, target, pacedWarmup(w)));
        }
      }
      if (options.modes().contains(BenchOptions.Mode.SCALE)) {
        for (Workload.Protocol p : options.protocols()) {
          Workload w = options.scaleWorkload(p);
          scale.add(
              measure(
                  steps,
                  StepResult.STREAMSTORM,
                  streamstorm(w, target, pacedWarmup(w), options.scaleSeconds()),
                  w,
                  pacedWarmup(w),
                  options.scaleSeconds()));
        }
      }
      BenchReport.Machine machine =
          new BenchReport.Machine(
              Runtime.getRuntime().availableProcessors(),
              System.getProperty("java.version"),
              Heap.maxMiB(),
              GcPauses.collectorName(),
              server(child, split),
              loadStart,
              loadAverage());
      return new BenchReport(
          machine,
          cost,
          calibrate,
          calibrate.isEmpty()
              ? null
              : Verdict.of(calibrate, options.lagBoundMs(), options.errorBoundMs()),
          calibrateFloor,
          scale,
          cold);
    } finally {
      if (stats != null) {
        stats.close();
      }
      if (child != null) {
        child.close();
      }
    }
  }

  private double pacedWarmup(Workload w) {
    return options.warmup().pacedSeconds(w);
  }

  private StepResult measureStreamstorm(
      StepRunner steps, Workload w, URI target, double warmupSeconds) {
    return measure(
        steps,
        StepResult.STREAMSTORM,
        streamstorm(w, target, warmupSeconds, options.windowSeconds()),
        w,
        warmupSeconds,
        options.windowSeconds());
  }

  private StepResult measure(
      StepRunner steps, String name, BenchClient client, Workload w, double warmupSeconds) {
    return measure(steps, name, client, w, warmupSeconds, options.windowSeconds());
  }

  private StepResult measure(
      StepRunner steps,
      String name,
      BenchClient client,
      Workload w,
      double warmupSeconds,
      double windowSeconds) {
    progress.accept(
        String.format(
            Locale.ROOT,
            "%s: %s (about %,.0f token events/s); ramp %.0f s, warm-up %.0f s, window %.0f s",
            name,
            w.describe(),
            w.plannedEventsPerSecond(),
            w.rampSeconds(),
            warmupSeconds,
            windowSeconds));
    StepResult r = steps.measure(name, client, w, warmupSeconds, windowSeconds);
    progress.accept(summary(r));
    return r;
  }

  /**
   * Compiles the code every calibrate step runs, in this JVM and in bench-server's, before the
   * first window. Without it the light steps measured the JIT: at 100 to 1,000 paced streams the
   * per-message code is called a few hundred times per window and is compiled while it is measured
   * (C2 holding one of two cores as a burst of first tokens arrives), which raised the first-token
   * error p99 several times over what it is once compiled (docs/performance.md, "The JIT in the
   * light steps"). The default 30 s at 1,000 streams are about 28,000 messages, past C2's
   * thresholds (10,000-15,000 calls). The cost mode, when it runs first, has done the same.
   */
  /** One cost comparison: the floor, then streamstorm, or the other way round. */
  private BenchReport.CostComparison costOnce(
      StepRunner steps, Workload w, URI target, boolean streamstormFirst) {
    double warmup = options.warmup().costSeconds();
    StepResult ours;
    StepResult floor;
    if (streamstormFirst) {
      ours = measureStreamstorm(steps, w, target, warmup);
      floor = measure(steps, StepResult.FLOOR, floor(w, target), w, warmup);
    } else {
      floor = measure(steps, StepResult.FLOOR, floor(w, target), w, warmup);
      ours = measureStreamstorm(steps, w, target, warmup);
    }
    return BenchReport.CostComparison.of(floor, ours);
  }

  private void warmUpJit(StepRunner steps, Workload w, URI target) {
    double seconds = options.jitWarmupSeconds();
    if (options.calibrateWithFloor()) {
      warmUp(steps, StepResult.FLOOR, floor(w, target), w, seconds);
    }
    warmUp(steps, StepResult.STREAMSTORM, streamstorm(w, target, seconds, 0), w, seconds);
  }

  private void warmUp(
      StepRunner steps, String name, BenchClient client, Workload w, double seconds) {
    progress.accept(
        String.format(
            Locale.ROOT,
            "JIT warm-up, not measured: %s on %s for %.0f s",
            name,
            w.describe(),
            w.rampSeconds() + seconds));
    steps.warmUp(client, w, seconds);
  }

  private BenchClient floor(Workload w, URI target) {
    return new FloorClient(w, target, eventLoops, options.preferNative());
  }

  private BenchClient streamstorm(
      Workload w, URI target, double warmupSeconds, double windowSeconds) {
    stepNumber++;
    // The scenario ends well after the window; the harness stops it as soon as it has measured.
    double planned = warmupSeconds + windowSeconds + 120;
    return new StreamstormClient(
        w,
        target,
        eventLoops,
        options.preferNative(),
        "b" + stepNumber,
        w.rampSeconds() + warmupSeconds,
        planned,
        options.live() ? progress : null);
  }

  private String server(ServerProcess child, CoreSplit split) {
    if (child == null) {
      return options.target().toString();
    }
    String where =
        split == null ? "child JVM on this machine" : "child JVM (" + split.describe() + ")";
    return (where + " " + String.join(" ", options.serverJvmOptions())).strip();
  }

  private static String summary(StepResult r) {
    Cost c = r.cost();
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "  %,.0f token events/s, CPU %.1f%%, %.2f us/event, %s B/event allocated",
                c.eventsPerSecond(),
                c.cpuPercent(),
                c.cpuUsPerEvent(),
                BenchTables.num(c.allocBytesPerEvent(), 0)));
    if (r.lag() != null) {
      sb.append(String.format(Locale.ROOT, ", lag p99 %.2f ms", r.lag().p99Ms()));
    }
    if (r.ttftError() != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              ", ttft error p50 %.3f / p99 %.3f ms (%,d matched)",
              r.ttftError().p50Ms(),
              r.ttftError().p99Ms(),
              r.ttftError().matched()));
    }
    sb.append(String.format(Locale.ROOT, ", %,d failed", r.messagesFailed()));
    CpuByThread t = c.threads();
    if (t != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%n  CPU by thread, us/event: event loops %.2f, GC %.2f, JIT %.2f, other %.2f",
              t.eventLoops(),
              t.gc(),
              t.jit(),
              t.other()));
    }
    return sb.toString();
  }

  private int maxStreams() {
    int max = 0;
    if (options.modes().contains(BenchOptions.Mode.COST)
        || options.modes().contains(BenchOptions.Mode.COLD)) {
      max = Math.max(max, options.costStreams());
    }
    if (options.modes().contains(BenchOptions.Mode.CALIBRATE)) {
      max = Math.max(max, options.calibrateSteps().stream().mapToInt(i -> i).max().orElse(0));
    }
    if (options.modes().contains(BenchOptions.Mode.SCALE)) {
      max = Math.max(max, options.scaleStreams());
    }
    return max;
  }

  /**
   * One socket per stream (over h2c, per connection its streams share): the JVM raises its soft
   * open-file limit to the hard one at start-up, so what /proc/self/limits says now is what this
   * run can have.
   */
  private void checkOpenFileLimit(int streams) {
    long limit = SocketBudget.Limits.ofThisProcess().openFiles();
    long sockets =
        options.protocols().stream()
            .mapToLong(p -> p.connections(streams, eventLoops))
            .max()
            .orElse(streams);
    if (limit > 0 && limit < sockets + SPARE_FILES) {
      throw new BenchException(
          String.format(
              Locale.ROOT,
              "%,d streams need about %,d open files, but this process may open %,d: raise the"
                  + " limit (ulimit -n %d, or the hard limit in /etc/security/limits.conf)",
              streams,
              sockets + SPARE_FILES,
              limit,
              sockets + SPARE_FILES));
    }
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
