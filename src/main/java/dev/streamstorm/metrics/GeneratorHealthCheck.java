package dev.streamstorm.metrics;

import dev.streamstorm.metrics.results.GeneratorHealth;
import dev.streamstorm.metrics.results.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When the generator, not the server, shaped the measurements: the limits past which its event-loop
 * lag, a busy loop or garbage-collection pauses show in the latencies, and the run's verdict with
 * its warnings. The live progress line and a distributed run's agents read the same limits.
 */
public final class GeneratorHealthCheck {

  /** Loop lag p99 above this distorts millisecond latencies: the generator is the bottleneck. */
  public static final double LAG_WARN_MS = 10.0;

  /** An event-loop thread this busy cannot react in time. */
  public static final double LOOP_BUSY_WARN_PERCENT = 90.0;

  /**
   * A garbage-collection pause this long stamps the tokens that arrive during it that much late...
   */
  public static final double GC_PAUSE_WARN_MS = 50.0;

  /** ...and pauses adding up to this share of the measured time touch a visible share of them. */
  public static final double GC_SHARE_WARN = 0.01;

  /**
   * The generator's health over a run: its figures, and a warning for each way it may have
   * distorted the measurements (lag, a saturated loop, garbage-collection pauses).
   *
   * @param measuredSeconds the run's measured time
   * @param jvms the generator JVMs whose pauses are in {@code gc} (a distributed run's agents)
   */
  static GeneratorHealth judge(
      int eventLoops,
      Summary lag,
      Summary gc,
      double cpuMean,
      double cpuMax,
      double loopBusyMax,
      double measuredSeconds,
      int jvms) {
    List<String> warnings = new ArrayList<>();
    if (lag.p99() > LAG_WARN_MS) {
      warnings.add(
          String.format(
              "event-loop lag p99 was %.1f ms (max %.1f ms): the generator, not only the server,"
                  + " delayed messages; latencies include up to that much of its own delay",
              lag.p99(), lag.max()));
    }
    if (loopBusyMax > LOOP_BUSY_WARN_PERCENT) {
      warnings.add(
          String.format(
              "an event loop was %.0f%% busy at its peak: the generator was saturated; use more"
                  + " cores or machines (see docs/performance.md)",
              loopBusyMax));
    }
    double pausedMs = gc.count() * gc.mean();
    double measuredMs = measuredSeconds * 1000 * jvms;
    if (gc.max() > GC_PAUSE_WARN_MS || (measuredMs > 0 && pausedMs > GC_SHARE_WARN * measuredMs)) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "garbage collection paused the generator %d times (longest %.0f ms, %.1f%% of %s"
                  + " measured time): tokens arriving during a pause were stamped late by up to"
                  + " its length; run on the collector and sizes bin/streamstorm sets, give the"
                  + " JVM a larger young generation, or run fewer streams per JVM"
                  + " (docs/performance.md)",
              gc.count(),
              gc.max(),
              measuredMs > 0 ? 100 * pausedMs / measuredMs : 0,
              jvms > 1 ? "each agent's" : "the"));
    }
    return new GeneratorHealth(
        eventLoops,
        lag,
        gc,
        Summary.round(cpuMean),
        Summary.round(cpuMax),
        Summary.round(loopBusyMax),
        warnings.isEmpty(),
        warnings);
  }

  private GeneratorHealthCheck() {}
}
