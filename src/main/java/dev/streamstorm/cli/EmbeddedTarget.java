package dev.streamstorm.cli;

import dev.streamstorm.benchserver.BenchServer;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.scenario.Scenario;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code target: embedded}: bench-server started in this JVM on a free loopback port (on the
 * cluster host for a distributed run), with its own Vert.x (its own threads), configured by the
 * scenario's {@code embeddedServer} options.
 */
final class EmbeddedTarget implements AutoCloseable {
  private final BenchServer server;

  private EmbeddedTarget(BenchServer server) {
    this.server = server;
  }

  static EmbeddedTarget startIfAsked(Scenario scenario) throws Exception {
    return startIfAsked(scenario, "127.0.0.1");
  }

  /** As {@link #startIfAsked(Scenario)}, listening on {@code host} (a distributed run's agents). */
  static EmbeddedTarget startIfAsked(Scenario scenario, String host) throws Exception {
    if (!scenario.target().embedded()) {
      return new EmbeddedTarget(null);
    }
    BenchServerConfig config;
    try {
      config = BenchServerConfig.fromMap(scenario.embeddedServer());
    } catch (IllegalArgumentException e) {
      throw new UsageException(scenario.source() + ": embeddedServer: " + e.getMessage());
    }
    if (!scenario.embeddedServer().containsKey("seed")) {
      config = config.withSeed(scenario.seed());
    }
    // The embedded server shares this JVM: cold, its first requests load classes and run
    // interpreted on the cores the generator measures with. bench-server's own warm-up (every
    // endpoint, on a throw-away instance, no trace in /stats) keeps that out of the run, unless the
    // scenario's embeddedServer says warmUp: false.
    if (!scenario.embeddedServer().containsKey("warmUp")) {
      config = config.withWarmUp(true);
    }
    BenchServer server =
        BenchServer.start(null, config, host, 0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    return new EmbeddedTarget(server);
  }

  /** The embedded server's URL, when there is one. */
  Optional<URI> url() {
    return server == null ? Optional.empty() : Optional.of(URI.create(server.baseUrl()));
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
