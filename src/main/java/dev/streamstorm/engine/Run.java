package dev.streamstorm.engine;

import dev.streamstorm.metrics.LoopRecorder;
import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.MetricsCollector;
import dev.streamstorm.metrics.TraceLog;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.scenario.Scenario;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One load test from start to results: deploys a worker on every event loop, drives the load model,
 * collects an interval snapshot every interval on a ticker thread, stops on the first limit (or
 * {@link #stop}), drains gracefully, and completes with a {@link RunOutcome}. {@link #start} begins
 * at once; {@link #prepare} and {@link #startAt} let a distributed run's agents get ready first and
 * begin together at an agreed instant.
 */
public final class Run implements RunControl {

  static {
    LibraryLogs.quietForRuns();
  }

  /**
   * How to run, apart from the scenario.
   *
   * @param eventLoops workers (one per event loop of the given Vert.x)
   * @param interval snapshot interval
   * @param env environment lookup for templates
   * @param listeners told about every interval
   * @param messageLog told about every finished message, on the user's event loop
   * @param verdicts true (the default): the run judges itself (abortOnFail thresholds, sweep
   *     steps); false: someone else judges the merged intervals and calls {@link #stop} (a
   *     distributed run's agents)
   * @param arrivalPhase 0 (the default); agent k of n of a distributed run: k/n, the shift of its
   *     constant-spaced arrivals that interleaves them with the other agents'
   * @param trace where the traced messages' events go ({@code --trace})
   * @param traceMessages how many messages are traced: the first ones sent
   */
  public record Config(
      int eventLoops,
      Duration interval,
      Function<String, String> env,
      List<IntervalListener> listeners,
      MessageLog messageLog,
      boolean verdicts,
      double arrivalPhase,
      TraceLog trace,
      int traceMessages) {

    public Config(
        int eventLoops,
        Duration interval,
        Function<String, String> env,
        List<IntervalListener> listeners,
        MessageLog messageLog,
        boolean verdicts,
        double arrivalPhase) {
      this(
          eventLoops,
          interval,
          env,
          listeners,
          messageLog,
          verdicts,
          arrivalPhase,
          TraceLog.NONE,
          0);
    }

    /** This configuration, tracing the first {@code messages} messages into {@code log}. */
    public Config withTrace(TraceLog log, int messages) {
      return new Config(
          eventLoops, interval, env, listeners, messageLog, verdicts, arrivalPhase, log, messages);
    }

    public Config(
        int eventLoops,
        Duration interval,
        Function<String, String> env,
        List<IntervalListener> listeners,
        MessageLog messageLog) {
      this(eventLoops, interval, env, listeners, messageLog, true, 0);
    }
  }

  static final long DRIVER_TICK_MS = 50;

  private final Scenario scenario;
  private final Vertx vertx;
  private final Config config;
  private final URI target;
  private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
  private final CompletableFuture<Run> prepared = new CompletableFuture<>();
  private final CompletableFuture<Void> begun = new CompletableFuture<>();

  /** A stop asked for before the load began: it ends the run as soon as it begins. */
  private String stopBeforeBegin;

  private final List<IntervalListener> listeners;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "streamstorm-ticker");
            t.setDaemon(true);
            return t;
          });
  private List<io.vertx.core.Context> contexts;
  private List<LoadWorker> workers;
  private volatile RunContext run;
  private RunUsers users;
  private LoadDriver driver;
  private GeneratorMonitor monitor;
  private MetricsCollector collector;
  private IntervalPipeline pipeline;
  private IntervalCloser intervals;
  private RunDrain drain;
  private Instant startedAt;
  private volatile long startNs;

  /** The run's clients, and the target with the proxy that reaches it. */
  private final NetworkClients net;

  /** The tokenizer, loading in the background from the start: it takes about a second. */
  private final CompletableFuture<TokenCounter> tokenCounter;

  private TokenCounter loadedCounter;

  /**
   * The stream rules, compiled once: the warm-ups and every event loop read them through a copy of
   * their own ({@link StreamInterpreter#forThisLoop()}), which holds its own scanner.
   */
  private final StreamInterpreter rules;

  private Run(Vertx vertx, Scenario scenario, URI target, Config config) {
    this.vertx = vertx;
    this.scenario = scenario;
    this.target = target;
    this.config = config;
    this.listeners = new CopyOnWriteArrayList<>(config.listeners());
    this.tokenCounter = TokenCounter.load(scenario.stream().tokenizer());
    this.rules = StreamInterpreter.compile(scenario.stream());
    this.net = NetworkClients.create(vertx, scenario, target, config.env());
  }

  /** Starts a run against {@code target} (the scenario's, or the embedded server's URL). */
  public static Run start(Vertx vertx, Scenario scenario, URI target, Config config) {
    Run r = new Run(vertx, scenario, target, config);
    r.prepared.thenAccept(ready -> ready.ticker.execute(ready::begin));
    r.deploy();
    return r;
  }

  /**
   * Deploys the workers and warms the client and the hot paths without starting the load; completes
   * with the run once {@link #startAt} can begin it without delay.
   */
  public static CompletableFuture<Run> prepare(
      Vertx vertx, Scenario scenario, URI target, Config config) {
    Run r = new Run(vertx, scenario, target, config);
    r.deploy();
    return r.prepared;
  }

  /** Begins a prepared run's load at the wall-clock instant {@code at} (at once when past). */
  public void startAt(Instant at) {
    long delayMs = Math.max(0, at.toEpochMilli() - System.currentTimeMillis());
    prepared.thenAccept(ready -> ticker.schedule(this::begin, delayMs, TimeUnit.MILLISECONDS));
  }

  /** When the load started (System.nanoTime()); 0 before it has. */
  public long startNs() {
    return startNs;
  }

  @Override
  public CompletableFuture<RunOutcome> completion() {
    return outcome;
  }

  @Override
  public CompletableFuture<Void> begun() {
    return begun;
  }

  /** Adds a listener (before or during the run). */
  public void addListener(IntervalListener l) {
    listeners.add(l);
  }

  @Override
  public void stop(String reason) {
    RunContext r = run;
    if (r != null) {
      r.stop(reason);
      return;
    }
    // Not begun (or beginning right now): decide on the ticker, which begins the load. A run
    // stopped while it prepares still begins, and ends at once, so its outputs are written as
    // those of any interrupted run.
    onTicker(
        () -> {
          if (run != null) {
            run.stop(reason);
          } else if (stopBeforeBegin == null) {
            stopBeforeBegin = reason;
          }
        });
  }

  @Override
  public void stopNow(String reason) {
    stop(reason);
    onTicker(
        () -> {
          if (drain != null) {
            drain.cut(System.nanoTime());
          }
        });
  }

  private void onTicker(Runnable task) {
    try {
      ticker.execute(task);
    } catch (RejectedExecutionException ended) {
      // The run has finished already: nothing left to stop.
    }
  }

  private void deploy() {
    List<io.vertx.core.Context> deployed = new CopyOnWriteArrayList<>();
    vertx
        .deployVerticle(
            () ->
                ctx -> {
                  deployed.add(ctx);
                  return Future.succeededFuture();
                },
            new DeploymentOptions().setInstances(config.eventLoops()))
        .compose(id -> ClientWarmup.run(vertx, scenario, rules, net, deployed))
        .onSuccess(v -> ticker.execute(() -> warmHotPaths(deployed)))
        .onFailure(
            e -> {
              prepared.completeExceptionally(e);
              outcome.completeExceptionally(e);
            });
  }

  private void warmHotPaths(List<io.vertx.core.Context> deployed) {
    try {
      loadedCounter = tokenCounter.join();
      HotPathWarmup.run(scenario, rules.forThisLoop(), loadedCounter);
      // What start-up left live (the tokenizer's tables, loaded classes' data, the warm-ups'
      // leftovers) is moved out of the young generation now, before the clock: otherwise the first
      // young collection under load copies it all, one pause in the first seconds (104-122 ms with
      // bin/streamstorm's Parallel collector and 1,000 users started at once: bench cold).
      System.gc();
      contexts = deployed;
      prepared.complete(this);
    } catch (RuntimeException e) {
      prepared.completeExceptionally(e);
      outcome.completeExceptionally(e);
      ticker.shutdownNow();
    }
  }

  private void begin() {
    if (outcome.isDone()) {
      return;
    }
    try {
      startNs = System.nanoTime();
      startedAt = Instant.now();
      long warmupEndNs = startNs + scenario.load().limits().warmup().toNanos();
      workers = LoadWorker.onEachLoop(contexts, scenario, warmupEndNs, net, rules);
      List<LoopRecorder> recorders = new ArrayList<>();
      for (LoadWorker w : workers) {
        recorders.add(w.recorder);
      }
      Optional<DataFeeder> data = scenario.data().map(DataFeeder::load);
      run =
          new RunContext(
              scenario,
              rules,
              vertx,
              net,
              config.env(),
              data,
              startNs,
              config.messageLog(),
              loadedCounter,
              new TraceSettings(
                  config.trace(),
                  config.traceMessages(),
                  SecretValues.redactor(scenario, config.env())),
              () -> ticker.execute(() -> drain.stopRequested()));
      users = new RunUsers();
      driver = LoadDrivers.forScenario(scenario, workers, run, users, config.arrivalPhase());
      collector = new MetricsCollector(recorders);
      pipeline =
          new IntervalPipeline(scenario, startNs, config.interval(), listeners, config.verdicts());
      monitor = new GeneratorMonitor(workers);
      intervals =
          new IntervalCloser(
              scenario, run, driver, monitor, collector, pipeline, startNs, config.interval());
      drain = new RunDrain(scenario, run, users, driver, monitor);
      monitor.start();
      driver.start();
      ticker.scheduleAtFixedRate(this::tick, DRIVER_TICK_MS, DRIVER_TICK_MS, TimeUnit.MILLISECONDS);
      if (stopBeforeBegin != null) {
        run.stop(stopBeforeBegin);
      }
      begun.complete(null);
    } catch (RuntimeException e) {
      outcome.completeExceptionally(e);
      ticker.shutdownNow();
    }
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
      intervals.closeIfDue(now);
      if (drain.over(now)) {
        finish(now);
      }
    } catch (RuntimeException e) {
      // A bug in our own bookkeeping must end the run visibly, not hang it.
      finishExceptionally(e);
    }
  }

  private void finish(long now) {
    intervals.close(now);
    monitor.stop();
    ticker.shutdown();
    long durationNs = now - startNs;
    long measuredNs = Math.max(0, durationNs - scenario.load().limits().warmup().toNanos());
    net.close()
        .onComplete(
            ar ->
                outcome.complete(
                    new RunOutcome(
                        pipeline.accumulator(),
                        run.endReason.get(),
                        startedAt,
                        durationNs,
                        measuredNs,
                        driver.stageBoundariesNs(),
                        workers.size(),
                        collector.errorSamples(),
                        pipeline.abortedBy(),
                        pipeline.sweepResult(durationNs),
                        List.of(),
                        List.of(),
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
