package dev.streamstorm.engine;

import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.MetricsCollector;
import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Scenario;
import java.time.Duration;

/**
 * Closes a local run's intervals: when one is due, reads the gauges (users, messages in flight,
 * arrivals, the generator's CPU), flips the loops' recorders into a snapshot and hands it to the
 * {@link IntervalPipeline}, stopping the run when the pipeline says so. Confined to the run's
 * ticker thread.
 */
final class IntervalCloser {
  private final Scenario scenario;
  private final RunContext run;
  private final LoadDriver driver;
  private final GeneratorMonitor monitor;
  private final MetricsCollector collector;
  private final IntervalPipeline pipeline;
  private final long startNs;
  private final long intervalNs;
  private long lastIntervalNs;
  private long nextIntervalNs;
  private long lastArrivals;
  private long lastDropped;

  IntervalCloser(
      Scenario scenario,
      RunContext run,
      LoadDriver driver,
      GeneratorMonitor monitor,
      MetricsCollector collector,
      IntervalPipeline pipeline,
      long startNs,
      Duration interval) {
    this.scenario = scenario;
    this.run = run;
    this.driver = driver;
    this.monitor = monitor;
    this.collector = collector;
    this.pipeline = pipeline;
    this.startNs = startNs;
    this.intervalNs = interval.toNanos();
    this.lastIntervalNs = startNs;
    this.nextIntervalNs = startNs + intervalNs;
  }

  /** Closes the interval if it is due at {@code now}, and schedules the next one. */
  void closeIfDue(long now) {
    if (now >= nextIntervalNs) {
      close(now);
      nextIntervalNs += intervalNs;
      if (nextIntervalNs <= now) {
        nextIntervalNs = now + intervalNs;
      }
    }
  }

  /** Closes the interval now, due or not (the run's last). */
  void close(long now) {
    long elapsed = now - startNs;
    double[] cpu = monitor.sampleCpu();
    long arrivals = driver.arrivals();
    long dropped = driver.dropped();
    Gauges g =
        new Gauges(
            run.activeUsers.get(),
            run.inFlight.get(),
            driver.targetRate(elapsed),
            arrivals - lastArrivals,
            dropped - lastDropped,
            driver.stage(elapsed),
            cpu[0],
            cpu[1]);
    lastArrivals = arrivals;
    lastDropped = dropped;
    IntervalSnapshot s = collector.collect(lastIntervalNs, now, g);
    lastIntervalNs = now;
    String stopReason = pipeline.accept(s, run.stopping());
    if (stopReason != null) {
      run.stop(stopReason);
    }
    RunStatus status =
        new RunStatus(
            elapsed,
            driver.plannedNs(),
            driver.stage(elapsed),
            driver.stageBoundariesNs().length,
            scenario.load() instanceof LoadSpec.Open,
            run.endReason.get(),
            elapsed < scenario.load().limits().warmup().toNanos());
    pipeline.publish(s, status);
  }
}
