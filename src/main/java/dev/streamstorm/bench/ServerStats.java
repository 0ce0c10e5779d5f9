package dev.streamstorm.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * bench-server's ground truth, read over HTTP ({@code GET /stats}) like any other client would: the
 * harness shares no code with the server. Blocking; called from the harness thread only.
 */
final class ServerStats {

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

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  ServerStats(URI base) {
    this.base = base;
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
    send(
        HttpRequest.newBuilder(base.resolve("/stats/reset"))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private Snapshot get(int limit) {
    byte[] body = send(HttpRequest.newBuilder(base.resolve("/stats?limit=" + limit)).GET());
    try {
      return MAPPER.readValue(body, Snapshot.class);
    } catch (IOException e) {
      throw new BenchException("unreadable /stats from " + base + ": " + e.getMessage());
    }
  }

  private byte[] send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> r =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() / 100 != 2) {
        throw new BenchException(
            r.request().uri() + " answered " + r.statusCode() + ": is the target a bench-server?");
      }
      return r.body();
    } catch (IOException e) {
      throw new BenchException("cannot reach " + base + "/stats: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted");
    }
  }
}
