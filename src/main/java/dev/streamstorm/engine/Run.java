package dev.streamstorm.engine;

import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.LoopRecorder;
import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.MetricsCollector;
import dev.streamstorm.metrics.RunAccumulator;
import dev.streamstorm.metrics.Slo;
import dev.streamstorm.protocol.Endpoint;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.SloSpec;
import dev.streamstorm.scenario.ThresholdSpec;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One load test from start to results: deploys a worker on every event loop, drives the load model,
 * collects an interval snapshot every interval on a ticker thread, stops on the first limit (or
 * {@link #stop}), drains gracefully, and completes with a {@link RunOutcome}.
 */
public final class Run {

  /**
   * How to run, apart from the scenario.
   *
   * @param eventLoops workers (one per event loop of the given Vert.x)
   * @param interval snapshot interval
   * @param env environment lookup for templates
   * @param listeners told about every interval
   * @param messageLog told about every finished message, on the user's event loop
   */
  public record Config(
      int eventLoops,
      Duration interval,
      Function<String, String> env,
      List<IntervalListener> listeners,
      MessageLog messageLog) {}

  private static final long DRAIN_AFTER_CUT_NS = TimeUnit.SECONDS.toNanos(5);
  private static final long DRIVER_TICK_MS = 50;

  private final Scenario scenario;
  private final Vertx vertx;
  private final Config config;
  private final URI target;
  private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
  private final List<IntervalListener> listeners;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "streamstorm-ticker");
            t.setDaemon(true);
            return t;
          });
  private List<LoadWorker> workers;
  private RunContext run;
  private RunUsers users;
  private LoadDriver driver;
  private GeneratorMonitor monitor;
  private MetricsCollector collector;
  private RunAccumulator accumulator;
  private Instant startedAt;
  private long startNs;
  private long lastIntervalNs;
  private long nextIntervalNs;
  private long stopRequestedNs = -1;
  private long cutNs = -1;
  private final Set<ThresholdSpec> aborted = new HashSet<>();
  private SweepController sweep;
  private long lastArrivals;
  private long lastDropped;
  private final HttpClientAgent http;
  private final WebSocketClient ws;

  private Run(Vertx vertx, Scenario scenario, URI target, Config config) {
    this.vertx = vertx;
    this.scenario = scenario;
    this.target = target;
    this.config = config;
    this.listeners = new CopyOnWriteArrayList<>(config.listeners());
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) scenario.timeouts().connect().toMillis())
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(64 * 1024));
    this.ws =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxConnections(Integer.MAX_VALUE)
                .setMaxMessageSize(16 * 1024 * 1024)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) scenario.timeouts().connect().toMillis()));
  }

  /** Starts a run against {@code target} (the scenario's, or the embedded server's URL). */
  public static Run start(Vertx vertx, Scenario scenario, URI target, Config config) {
    Run r = new Run(vertx, scenario, target, config);
    r.deploy();
    return r;
  }

  /** Completes when the run has ended and every interval has been collected. */
  public CompletableFuture<RunOutcome> completion() {
    return outcome;
  }

  /** Adds a listener (before or during the run). */
  public void addListener(IntervalListener l) {
    listeners.add(l);
  }

  /** Ends the run for {@code reason} (e.g. "interrupted" on Ctrl-C); the first reason wins. */
  public void stop(String reason) {
    RunContext r = run;
    if (r != null) {
      r.stop(reason);
    } else {
      outcome.completeExceptionally(new IllegalStateException("stopped before it started"));
    }
  }

  /** Cuts messages in flight at once instead of waiting for the graceful stop (a second Ctrl-C). */
  public void stopNow(String reason) {
    stop(reason);
    ticker.execute(() -> cut(System.nanoTime()));
  }

  private void deploy() {
    List<io.vertx.core.Context> contexts = new CopyOnWriteArrayList<>();
    vertx
        .deployVerticle(
            () ->
                ctx -> {
                  contexts.add(ctx);
                  return Future.succeededFuture();
                },
            new DeploymentOptions().setInstances(config.eventLoops()))
        .compose(id -> Rehearsal.run(vertx, scenario, http, ws, contexts))
        .onSuccess(v -> ticker.execute(() -> begin(contexts)))
        .onFailure(outcome::completeExceptionally);
  }

  private void begin(List<io.vertx.core.Context> contexts) {
    try {
      Priming.prime(scenario, StreamInterpreter.compile(scenario.stream()));
      startNs = System.nanoTime();
      startedAt = Instant.now();
      long warmupEndNs = startNs + scenario.load().limits().warmup().toNanos();
      Slo slo = slo(scenario.slo());
      workers = new ArrayList<>();
      List<LoopRecorder> recorders = new ArrayList<>();
      for (int i = 0; i < contexts.size(); i++) {
        LoopRecorder rec = new LoopRecorder(slo, warmupEndNs);
        LoadWorker w = new LoadWorker(i, contexts.get(i), rec, permits(i, contexts.size()));
        w.run(() -> w.thread = Thread.currentThread());
        workers.add(w);
        recorders.add(rec);
      }
      Optional<DataFeeder> data = scenario.data().map(DataFeeder::load);
      run =
          new RunContext(
              scenario,
              vertx,
              Endpoint.of(target),
              http,
              ws,
              config.env(),
              data,
              startNs,
              config.messageLog(),
              () -> ticker.execute(this::onStopRequested));
      users = new RunUsers();
      long seed = scenario.seed();
      driver =
          scenario.load() instanceof LoadSpec.Open open
              ? openDriver(open, seed)
              : new ClosedLoadDriver(
                  (LoadSpec.Closed) scenario.load(), workers, run, users, id -> mix(seed, id));
      collector = new MetricsCollector(recorders);
      accumulator = new RunAccumulator(startNs, warmupEndNs, config.interval().toMillis() / 1000.0);
      monitor = new GeneratorMonitor(workers);
      monitor.start();
      lastIntervalNs = startNs;
      nextIntervalNs = startNs + config.interval().toNanos();
      driver.start();
      ticker.scheduleAtFixedRate(this::tick, DRIVER_TICK_MS, DRIVER_TICK_MS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      outcome.completeExceptionally(e);
      ticker.shutdownNow();
    }
  }

  private LoadDriver openDriver(LoadSpec.Open open, long seed) {
    StageProfile rate = OpenLoadDriver.profileOf(open);
    SweepPlan plan = open.sweep().map(SweepPlan::new).orElse(null);
    if (plan != null) {
      sweep = new SweepController(plan, !scenario.slo().isEmpty());
      rate = plan.profile();
    }
    long planned =
        open.limits()
            .duration()
            .map(Duration::toNanos)
            .orElse(open.stages().isEmpty() ? Long.MAX_VALUE : rate.totalNs());
    return new OpenLoadDriver(open, rate, workers, run, users, id -> mix(seed, id), planned, plan);
  }

  /** Loop {@code i}'s share of maxConnections: split evenly, the remainder to the first loops. */
  private ConnectionPermits permits(int i, int loops) {
    return scenario
        .connection()
        .maxConnections()
        .map(max -> new ConnectionPermits(Math.max(1, max / loops + (i < max % loops ? 1 : 0))))
        .orElseGet(() -> new ConnectionPermits(Integer.MAX_VALUE));
  }

  private static long mix(long seed, long id) {
    long z = seed + id * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static Slo slo(SloSpec s) {
    return new Slo(
        s.ttft().map(Duration::toNanos).orElse(0L),
        s.tpot().map(Duration::toNanos).orElse(0L),
        s.e2e().map(Duration::toNanos).orElse(0L));
  }

  /** Ticker thread: drive the load, enforce the duration, close intervals, finish the drain. */
  private void tick() {
    try {
      long now = System.nanoTime();
      long elapsed = now - startNs;
      if (!run.stopping()) {
        if (elapsed >= driver.plannedNs()) {
          run.stop("duration");
        } else {
          driver.tick(elapsed);
        }
      }
      if (now >= nextIntervalNs) {
        closeInterval(now);
        nextIntervalNs += config.interval().toNanos();
        if (nextIntervalNs <= now) {
          nextIntervalNs = now + config.interval().toNanos();
        }
      }
      if (stopRequestedNs >= 0) {
        drain(now);
      }
    } catch (RuntimeException e) {
      // A bug in our own bookkeeping must end the run visibly, not hang it.
      finishExceptionally(e);
    }
  }

  private void onStopRequested() {
    if (stopRequestedNs >= 0) {
      return;
    }
    stopRequestedNs = System.nanoTime();
    driver.retireAll();
    users.retireAll();
  }

  private void drain(long now) {
    long graceNs = gracefulStop().toNanos();
    if (cutNs < 0 && !users.isEmpty() && now - stopRequestedNs >= graceNs) {
      cut(now);
    }
    boolean drained = users.isEmpty() && run.inFlight.get() == 0;
    boolean givenUp = cutNs >= 0 && now - cutNs >= DRAIN_AFTER_CUT_NS;
    if (drained || givenUp) {
      finish(now);
    }
  }

  private void cut(long now) {
    if (cutNs < 0) {
      cutNs = now;
      users.cutAll();
    }
  }

  private Duration gracefulStop() {
    return scenario.load() instanceof LoadSpec.Open o
        ? o.gracefulStop()
        : ((LoadSpec.Closed) scenario.load()).gracefulStop();
  }

  private void closeInterval(long now) {
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
    accumulator.accept(s);
    checkAbortRules(elapsed);
    if (sweep != null && !run.stopping()) {
      // An interval belongs to the step its middle falls in (ticks drift a little past boundaries).
      String failure = sweep.onInterval(s, (s.startNs() + s.endNs()) / 2 - startNs);
      if (failure != null) {
        run.stop("sweep");
      }
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
    for (IntervalListener l : listeners) {
      l.onInterval(s, status);
    }
  }

  /** abortOnFail: a threshold past its grace delay that fails now ends the run. */
  private void checkAbortRules(long elapsedNs) {
    if (run.stopping()) {
      return;
    }
    for (ThresholdSpec t : scenario.thresholds()) {
      if (ThresholdCheck.failsNow(t, accumulator, elapsedNs)) {
        aborted.add(t);
        run.stop("aborted");
        return;
      }
    }
  }

  private void finish(long now) {
    closeInterval(now);
    monitor.stop();
    ticker.shutdown();
    long durationNs = now - startNs;
    long measuredNs = Math.max(0, durationNs - scenario.load().limits().warmup().toNanos());
    Future.join(http.close(), ws.close())
        .onComplete(
            ar ->
                outcome.complete(
                    new RunOutcome(
                        accumulator,
                        run.endReason.get(),
                        startedAt,
                        durationNs,
                        measuredNs,
                        driver.stageBoundariesNs(),
                        workers.size(),
                        collector.errorSamples(),
                        Set.copyOf(aborted),
                        sweep == null ? null : sweep.finish(durationNs),
                        GeneratorVertx.transport(vertx))));
  }

  private void finishExceptionally(RuntimeException e) {
    if (monitor != null) {
      monitor.stop();
    }
    ticker.shutdownNow();
    outcome.completeExceptionally(e);
  }
}
