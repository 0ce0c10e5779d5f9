package dev.streamstorm.cli;

import dev.streamstorm.engine.GeneratorVertx;
import dev.streamstorm.engine.IntervalListener;
import dev.streamstorm.engine.NetworkRoute;
import dev.streamstorm.engine.ResultsFactory;
import dev.streamstorm.engine.Run;
import dev.streamstorm.engine.RunControl;
import dev.streamstorm.engine.RunOutcome;
import dev.streamstorm.engine.SocketBudget;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ConsoleSummary;
import dev.streamstorm.report.html.HtmlReport;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code streamstorm run}: one load test, from a scenario file, flags, or both. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    description = {
      "Runs a load test and prints a summary; flags override the scenario file.",
      "Example: streamstorm run --target http://127.0.0.1:8080/v1/chat/completions "
          + "--preset openai-chat --vus 50 --duration 20s"
    })
public final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenarioOptions = new ScenarioOptions();

  @Option(names = "--vus", description = "Virtual users (closed model).")
  Integer vus;

  @Option(names = "--users", description = "Users to reach, Locust-style (with --spawn-rate).")
  Integer users;

  @Option(names = "--spawn-rate", description = "Users added per second, Locust-style.")
  Double spawnRate;

  @Option(names = "--rate", description = "Arrival rate for the open model, e.g. 20/s.")
  String rate;

  @Option(names = "--distribution", description = "Arrival spacing: constant or poisson.")
  String distribution;

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      description = "Run length, e.g. 30s, 5m.")
  Duration duration;

  @Option(names = "--iterations", description = "Conversations per user.")
  Long iterations;

  @Option(names = "--max-messages", description = "Stop after this many messages.")
  Long maxMessages;

  @Option(names = "--max-tokens", description = "Stop after this many output tokens (budget cap).")
  Long maxTokens;

  @Option(
      names = "--threshold",
      paramLabel = "EXPR",
      description = "e.g. 'ttft p95 < 2s' (repeatable).")
  List<String> thresholds = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE", description = "Write the results document (JSON).")
  Path out;

  @Mixin ReportOptions reportOptions = new ReportOptions();

  @Option(names = "--quiet", description = "Print only the final summary.")
  boolean quiet;

  @Option(
      names = "--interval",
      converter = DurationConverter.class,
      description = "Snapshot interval (default 1s).")
  Duration interval = Duration.ofSeconds(1);

  @Option(
      names = "--event-loops",
      description = "Event loops to drive the load (default: one per core).")
  int eventLoops = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--exit-on-errors",
      paramLabel = "SHARE",
      description =
          "Exit 1 when at least this share of messages failed, thresholds or not: 5%, 0.5,"
              + " or off (default: the scenario's exitOnErrors, else 100%).")
  String exitOnErrors;

  private double exitShare;

  @Mixin DistributedRunOptions distributed = new DistributedRunOptions();

  @Mixin LiveOptions liveOptions = new LiveOptions();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    distributed.check();
    FlagBounds.eventLoops(eventLoops, false);
    FlagBounds.interval(interval);
    exitShare = exitOnErrors == null ? Double.NaN : ErrorShareGate.parse(exitOnErrors);
    if (distributed.enabled() && reportOptions.trace != null) {
      throw new UsageException(
          "--trace follows messages in this JVM; with --agents they run on the agents (run"
              + " without --agents, or trace on one agent's scenario)");
    }
    Scenario scenario = scenarioOptions.load(overrides());
    if (!distributed.enabled()) {
      // With --agents the agents hold the connections, and each checks its own share.
      SocketBudget.problem(
              scenario,
              eventLoops,
              scenario.target().embedded(),
              SocketBudget.Limits.ofThisProcess())
          .ifPresent(
              p -> {
                throw new UsageException(p);
              });
    }

    try (RunOutputs outputs = RunOutputs.open(reportOptions, this.out, scenario);
        EmbeddedTarget embedded =
            EmbeddedTarget.startIfAsked(scenario, distributed.embeddedHost())) {
      URI targetUrl = embedded.url().orElseGet(() -> scenario.target().url().orElseThrow());
      try (LiveOutputs live = LiveOutputs.open(liveOptions, scenario, targetUrl, interval, err)) {
        return run(scenario, targetUrl, outputs, live, out, err);
      }
    }
  }

  private int run(
      Scenario scenario,
      URI targetUrl,
      RunOutputs outputs,
      LiveOutputs live,
      PrintWriter out,
      PrintWriter err)
      throws Exception {
    Vertx vertx = GeneratorVertx.create(eventLoops, true);
    try {
      Console console = new Console(out, err, quiet);
      // Said even with --quiet: a run whose certificates are not checked must not pass unnoticed.
      NetworkRoute.warnings(scenario, targetUrl).forEach(console::note);
      List<IntervalListener> listeners = outputs.listeners(console.progress());
      listeners.addAll(live.listeners());
      RunControl run =
          start(
              vertx,
              scenario,
              targetUrl,
              console,
              outputs.traced(
                  new Run.Config(
                      eventLoops, interval, System::getenv, listeners, outputs.messageLog())));
      Runnable gracefulStop =
          () -> {
            console.note("stopping: finishing messages in flight (Ctrl-C again to cut them)");
            run.stop("interrupted");
          };
      Interrupts.onInterrupt(gracefulStop, () -> run.stopNow("interrupted"));
      live.onStop(gracefulStop);
      // Said once the load has begun: preparing (deployment, priming, the tokenizer) takes a
      // second or two.
      run.begun().thenRun(() -> console.started(scenario, targetUrl));
      RunOutcome outcome = await(run);
      RunResults results =
          ResultsFactory.build(scenario, targetUrl, outcome, VersionInfo.version());
      // Rendered once: the dashboard serves the very bytes --html writes.
      String html =
          reportOptions.html != null || live.wantsReport() ? HtmlReport.render(results) : null;
      outputs.write(results, html, this.out, err);
      console.summary(ConsoleSummary.render(results));
      live.finish(results.run().endReason(), html);
      if (results.sessions() != null
          && results.sessions().noneStarted()
          && results.messages().total() == 0) {
        // Nothing was measured: a gate must not pass, whatever the thresholds say.
        err.println("error: no user could start: every session set-up failed");
        return ExitCodes.FAILURE;
      }
      boolean failed = results.thresholds().stream().anyMatch(t -> !t.pass());
      if (failed) {
        return ExitCodes.THRESHOLD_FAILED;
      }
      Optional<String> tooManyFailed =
          ErrorShareGate.verdict(
              exitOnErrors == null ? scenario.exitOnErrors() : exitShare, results.messages());
      if (tooManyFailed.isPresent()) {
        err.println("error: " + tooManyFailed.get());
        return ExitCodes.FAILURE;
      }
      // An interrupted run wrote its outputs but did not run as planned: a CI job killed by
      // its timeout must not pass.
      return "interrupted".equals(results.run().endReason()) ? ExitCodes.FAILURE : ExitCodes.OK;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
      Interrupts.done();
    }
  }

  /** In this JVM, or with --agents on a cluster's agents coordinated from here. */
  private RunControl start(
      Vertx vertx, Scenario scenario, URI targetUrl, Console console, Run.Config config) {
    return distributed.enabled()
        ? distributed.coordinate(
            scenarioOptions.file, overrides(), scenario, targetUrl, config, console::note)
        : Run.start(vertx, scenario, targetUrl, config);
  }

  private static RunOutcome await(RunControl run) throws Exception {
    try {
      return run.completion().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  private ScenarioOverrides overrides() {
    ScenarioOverrides given = scenarioOptions.overrides();
    return new ScenarioOverrides(
        given.target(),
        given.preset(),
        given.protocol(),
        Optional.ofNullable(vus),
        Optional.ofNullable(duration),
        Optional.ofNullable(rate),
        Optional.ofNullable(distribution),
        Optional.ofNullable(users),
        Optional.ofNullable(spawnRate),
        Optional.ofNullable(iterations),
        Optional.ofNullable(maxMessages),
        Optional.ofNullable(maxTokens),
        given.seed(),
        given.message(),
        thresholds);
  }
}
