package dev.streamstorm.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * bench-server's ground truth, read over HTTP ({@code GET /stats}) like any other client would: the
 * harness shares no code with the server. A plain request and response, so Vert.x's Web Client on a
 * Vert.x of its own (one event loop, none of the generator's). Blocking; called from the harness
 * thread only. Close it to stop that Vert.x.
 */
final class ServerStats implements AutoCloseable {

  /** How many finished requests bench-server keeps for {@code /stats} (its ring's capacity). */
  static final int RECENT_CAPACITY = 50_000;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The parts of the {@code /stats} document the harness reads. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Snapshot(long tokensSent, int activeStreams, Jitter jitter, List<Request> recent) {}

  /** The server's own send lateness (µs). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Jitter(long count, long p50Micros, long p99Micros, long maxMicros) {}

  /** One finished request: its id and when its first token was handed to the socket. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Request(String id, int status, Long firstTokenNanos, int tokens) {}

  private static final long TIMEOUT_S = 30;

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final WebClient client =
      WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000));
  private final URI base;

  /**
   * Reads the counters once: the first request loads the Web Client's classes and opens its
   * connection, which at a window's first edge would delay the instant taken after the read and
   * shorten the window (an inflated rate).
   */
  ServerStats(URI base) {
    this.base = base;
    try {
      counters();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Counters and gauges only (cheap: no request records). */
  Snapshot counters() {
    return get(0);
  }

  /** Counters and the newest {@code limit} finished requests. */
  Snapshot withRecent(int limit) {
    return get(limit);
  }

  /** Clears the server's counters, jitter and recent requests. */
  void reset() {
    send(client.postAbs(base.resolve("/stats/reset").toString()).send());
  }

  private Snapshot get(int limit) {
    byte[] body = send(client.getAbs(base.resolve("/stats?limit=" + limit).toString()).send());
    try {
      return MAPPER.readValue(body, Snapshot.class);
    } catch (IOException e) {
      throw new BenchException("unreadable /stats from " + base + ": " + e.getMessage());
    }
  }

  private byte[] send(Future<HttpResponse<Buffer>> sent) {
    HttpResponse<Buffer> r;
    try {
      r = sent.toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new BenchException("cannot reach " + base + "/stats: " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted");
    }
    if (r.statusCode() / 100 != 2) {
      throw new BenchException(
          base + "/stats answered " + r.statusCode() + ": is the target a bench-server?");
    }
    Buffer body = r.body();
    return body == null ? new byte[0] : body.getBytes();
  }

  @Override
  public void close() {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
