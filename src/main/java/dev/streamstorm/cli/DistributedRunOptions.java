package dev.streamstorm.cli;

import dev.streamstorm.cluster.Coordinator;
import dev.streamstorm.engine.Run;
import dev.streamstorm.engine.RunControl;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioOverrides;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run --agents N}: the test runs on N agents of a cluster instead of in this JVM, and this
 * process coordinates it (docs/distributed.md).
 */
final class DistributedRunOptions {

  @Option(
      names = "--agents",
      paramLabel = "N",
      description = "Run on N agents of a cluster (streamstorm agent) instead of in this JVM.")
  Integer agents;

  @Option(
      names = "--agent-timeout",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How long to wait for the agents (default 60s).")
  Duration agentTimeout = Duration.ofSeconds(60);

  @Mixin ClusterOptions cluster = new ClusterOptions();

  boolean enabled() {
    return agents != null;
  }

  /** Refuses cluster options without --agents, which would silently do nothing. */
  void check() {
    if (agents == null && cluster.given()) {
      throw new UsageException("the cluster options (--join, --cluster-host, ...) need --agents N");
    }
    if (agents != null && agents < 1) {
      throw new UsageException("--agents: expected a positive number, got " + agents);
    }
    if (agentTimeout.isNegative() || agentTimeout.isZero()) {
      throw new UsageException("--agent-timeout: expected a positive duration like 60s");
    }
  }

  /**
   * Where an embedded bench-server listens: loopback for a run in this JVM; the cluster host for a
   * distributed run, so that the agents can reach it.
   */
  String embeddedHost() {
    return enabled() ? cluster.host : "127.0.0.1";
  }

  RunControl coordinate(
      Path scenarioFile,
      ScenarioOverrides overrides,
      Scenario scenario,
      URI target,
      Run.Config config,
      Consumer<String> log) {
    return Coordinator.start(
        new Coordinator.Request(
            agents,
            agentTimeout,
            cluster.settings(),
            scenarioFile,
            overrides,
            scenario,
            target,
            config,
            VersionInfo.version(),
            log));
  }
}
