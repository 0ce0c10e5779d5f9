package dev.streamstorm.cli;

import dev.streamstorm.benchserver.BenchServer;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.List;
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
    BenchServer server =
        BenchServer.start(null, config, host, 0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    warmUp(server.baseUrl());
    return new EmbeddedTarget(server);
  }

  /**
   * The embedded server shares this JVM: its first requests load classes on the same cores the
   * generator measures with. A few instant requests to each endpoint, then a stats reset, keep that
   * out of the run (a real server has been running for a while). Sent with Vert.x's Web Client from
   * a Vert.x of its own, closed afterwards: neither the server's nor the generator's loops.
   */
  private static void warmUp(String baseUrl) {
    String chat =
        "{\"model\":\"warm-up\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
    List<String[]> requests =
        List.of(
            new String[] {"/v1/chat/completions?ttft_ms=0&itl_ms=0&tokens=2", chat + "}"},
            new String[] {"/v1/messages?ttft_ms=0&itl_ms=0&tokens=2", chat + ",\"max_tokens\":2}"},
            new String[] {"/api/sessions", "{}"},
            new String[] {"/stats/reset", ""});
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    WebClient client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000));
    try {
      Future<?> sent = Future.succeededFuture();
      for (int round = 0; round < 3; round++) {
        for (String[] r : requests) {
          sent =
              sent.transform(
                  previous ->
                      client
                          .postAbs(baseUrl + r[0])
                          .timeout(5_000)
                          .putHeader("Content-Type", "application/json")
                          .putHeader("Accept", "text/event-stream")
                          .sendBuffer(Buffer.buffer(r[1])));
        }
      }
      sent.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      // A warm-up that fails changes nothing but the first second's numbers.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    } finally {
      client.close();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
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
