package dev.streamstorm.bench;

import dev.streamstorm.engine.GeneratorVertx;
import dev.streamstorm.engine.IntervalListener;
import dev.streamstorm.engine.Run;
import dev.streamstorm.engine.RunStatus;
import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.Tag;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * streamstorm's own engine on a workload: the scenario a user would write (written to a temporary
 * file and loaded like any other), run by {@link Run} on its own Vert.x, with a per-message log of
 * first-token instants for the accuracy check.
 */
final class StreamstormClient implements BenchClient {

  private static final long START_TIMEOUT_S = 60;

  private final Workload workload;
  private final URI target;
  private final int eventLoops;
  private final boolean preferNative;
  private final double warmupSeconds;
  private final double plannedSeconds;
  private final String idPrefix;
  private final FirstTokenLog log;
  private final Intervals intervals = new Intervals();
  private final Consumer<String> live;
  private LiveWatch watch;
  private Vertx vertx;
  private Run run;

  /**
   * @param idPrefix request-id prefix, unique per step so records of earlier steps never match
   * @param warmupSeconds the scenario's warm-up (ramp included): its data is discarded
   * @param plannedSeconds the scenario's length after the ramp; the harness stops it sooner
   * @param live with the live outputs open and watched ({@link LiveWatch}), told what the watchers
   *     saw; null without them
   */
  StreamstormClient(
      Workload workload,
      URI target,
      int eventLoops,
      boolean preferNative,
      String idPrefix,
      double warmupSeconds,
      double plannedSeconds,
      Consumer<String> live) {
    this.workload = workload;
    this.target = target;
    this.eventLoops = eventLoops;
    this.preferNative = preferNative;
    this.warmupSeconds = warmupSeconds;
    this.plannedSeconds = plannedSeconds;
    this.idPrefix = idPrefix;
    this.live = live;
    this.log = new FirstTokenLog(idPrefix, ServerStats.RECENT_CAPACITY);
  }

  @Override
  public long start() {
    Scenario scenario = scenario();
    List<IntervalListener> listeners = new ArrayList<>(List.of(intervals));
    if (live != null) {
      watch = LiveWatch.open(scenario, target);
      listeners.add(watch.listener());
    }
    vertx = GeneratorVertx.create(eventLoops, preferNative);
    run =
        Run.start(
            vertx,
            scenario,
            target,
            new Run.Config(eventLoops, Duration.ofSeconds(1), System::getenv, listeners, log));
    try {
      return intervals.runStartNs.get(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new BenchException("streamstorm's run did not start: " + e);
    }
  }

  private Scenario scenario() {
    try {
      Path file = Files.createTempFile("streamstorm-bench-", ".yaml");
      try {
        Files.writeString(
            file, workload.scenarioYaml(target, idPrefix, warmupSeconds, plannedSeconds));
        return new ScenarioLoader(System::getenv).load(file, ScenarioOverrides.none());
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bench scenario", e);
    }
  }

  @Override
  public String transport() {
    return vertx == null ? "" : GeneratorVertx.transport(vertx);
  }

  @Override
  public void windowStarts(long fromNs) {
    intervals.window(fromNs, Long.MAX_VALUE);
  }

  @Override
  public void windowEnds(long fromNs, long toNs) {
    intervals.window(fromNs, toNs);
  }

  @Override
  public Lag lag() {
    return Lag.of(intervals.lag());
  }

  @Override
  public long[] messages() {
    return intervals.messages();
  }

  @Override
  public List<TtftError.Match> ttftMatches(
      List<ServerStats.Request> serverRecords, long fromNs, long toNs) {
    return TtftError.match(log.entries(), serverRecords, fromNs, toNs);
  }

  @Override
  public void close() {
    try {
      if (run != null) {
        run.stopNow("bench");
        run.completion().get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      // The measurements are taken; a slow drain only delays closing.
    } finally {
      if (watch != null) {
        watch.close();
        live.accept("  " + watch.summary());
      }
      if (vertx != null) {
        try {
          vertx.close().await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
          // Closing is best effort; the next step uses a new Vert.x.
        }
      }
    }
  }

  /**
   * Adds up what the harness needs from the intervals whose middle falls in the window (lag
   * histogram, message counts), so that a long soak keeps one histogram, not one per interval.
   * Called on the run's ticker thread; the window is set and read by the harness thread.
   */
  private static final class Intervals implements IntervalListener {
    private final CompletableFuture<Long> runStartNs = new CompletableFuture<>();
    private final Histogram lag = new Histogram(3);
    private final long[] okFailed = new long[2];
    private volatile long fromNs = Long.MAX_VALUE;
    private volatile long toNs = Long.MAX_VALUE;

    @Override
    public void onInterval(IntervalSnapshot s, RunStatus status) {
      runStartNs.complete(s.endNs() - status.elapsedNs());
      long mid = (s.startNs() + s.endNs()) / 2;
      if (mid < fromNs || mid >= toNs) {
        return;
      }
      Histogram h = s.histogram(Metric.GENERATOR_LAG, Tag.ALL);
      synchronized (this) {
        if (h != null) {
          lag.add(h);
        }
        okFailed[0] += s.counter(Tag.ALL, Counter.OK);
        okFailed[1] += s.counter(Tag.ALL, Counter.FAILED);
      }
    }

    void window(long from, long to) {
      fromNs = from;
      toNs = to;
    }

    synchronized Histogram lag() {
      return lag.copy();
    }

    synchronized long[] messages() {
      return okFailed.clone();
    }
  }
}
