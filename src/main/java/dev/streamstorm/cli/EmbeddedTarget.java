package dev.streamstorm.cli;

import dev.streamstorm.benchserver.BenchServer;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.scenario.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
   * out of the run (a real server has been running for a while).
   */
  private static void warmUp(String baseUrl) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String chat =
        "{\"model\":\"warm-up\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
    List<HttpRequest> requests =
        List.of(
            post(baseUrl + "/v1/chat/completions?ttft_ms=0&itl_ms=0&tokens=2", chat + "}"),
            post(baseUrl + "/v1/messages?ttft_ms=0&itl_ms=0&tokens=2", chat + ",\"max_tokens\":2}"),
            post(baseUrl + "/api/sessions", "{}"),
            post(baseUrl + "/stats/reset", ""));
    try {
      for (int round = 0; round < 3; round++) {
        for (HttpRequest r : requests) {
          client.send(r, HttpResponse.BodyHandlers.discarding());
        }
      }
    } catch (IOException e) {
      // A warm-up that fails changes nothing but the first second's numbers.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static HttpRequest post(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
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
