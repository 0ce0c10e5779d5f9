package dev.streamstorm.engine;

import dev.streamstorm.benchserver.BenchServer;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.TraceLog;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a scenario written inline against bench-server started in-process on port 0, and returns the
 * results document. {@code ${BASE}} in the YAML is replaced by the server's URL.
 */
final class RunHarness implements AutoCloseable {
  private final BenchServer server;

  RunHarness(Map<String, ?> serverOptions) throws Exception {
    this.server =
        BenchServer.start(null, BenchServerConfig.fromMap(serverOptions), "127.0.0.1", 0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  String baseUrl() {
    return server.baseUrl();
  }

  BenchServer server() {
    return server;
  }

  Scenario scenario(String yaml) throws Exception {
    return scenario(yaml, server.baseUrl());
  }

  /** A scenario written inline, {@code ${BASE}} standing for {@code baseUrl}. */
  static Scenario scenario(String yaml, String baseUrl) throws Exception {
    Path file = Files.createTempFile("streamstorm-scenario", ".yaml");
    try {
      Files.writeString(file, yaml.replace("${BASE}", baseUrl));
      return new ScenarioLoader(System::getenv).load(file, ScenarioOverrides.none());
    } finally {
      Files.delete(file);
    }
  }

  /** Runs {@code scenario} against its own target, telling {@code log} about every message. */
  static RunResults run(Scenario scenario, MessageLog log) throws Exception {
    URI target = scenario.target().url().orElseThrow();
    return run(scenario, target, log, TraceLog.NONE, 0, System::getenv);
  }

  RunResults run(String yaml) throws Exception {
    return run(yaml, MessageLog.NONE);
  }

  /** As {@link #run(String)}, telling {@code log} about every finished message. */
  RunResults run(String yaml, MessageLog log) throws Exception {
    Scenario s = scenario(yaml);
    return run(
        s,
        s.target().url().orElseGet(() -> URI.create(server.baseUrl())),
        log,
        TraceLog.NONE,
        0,
        System::getenv);
  }

  static RunResults run(Scenario scenario, URI target) throws Exception {
    return run(scenario, target, MessageLog.NONE, TraceLog.NONE, 0, System::getenv);
  }

  /** A run whose first {@code tracedMessages} messages are traced into {@code trace}. */
  static RunResults run(Scenario scenario, URI target, TraceLog trace, int tracedMessages)
      throws Exception {
    return run(scenario, target, MessageLog.NONE, trace, tracedMessages, System::getenv);
  }

  static RunResults run(
      Scenario scenario,
      URI target,
      TraceLog trace,
      int tracedMessages,
      Function<String, String> env)
      throws Exception {
    return run(scenario, target, MessageLog.NONE, trace, tracedMessages, env);
  }

  static RunResults run(
      Scenario scenario,
      URI target,
      MessageLog log,
      TraceLog trace,
      int tracedMessages,
      Function<String, String> env)
      throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      Run run =
          Run.start(
              vertx,
              scenario,
              target,
              new Run.Config(2, Duration.ofSeconds(1), env, List.of(), log)
                  .withTrace(trace, tracedMessages));
      RunOutcome outcome = run.completion().get(120, TimeUnit.SECONDS);
      return ResultsFactory.build(scenario, target, outcome, "test", env);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
