package dev.streamstorm.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.WebSocketClient;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a floor client's streams use of it, held once per client and read by every stream: its
 * Vert.x and HTTP/WebSocket clients, the target and workload, the counters, timings and first-token
 * log, and the two flags the harness stops it with. Plain fields, so a stream reads them as it read
 * its enclosing client's: the floor gains no work per event from living in its own files.
 *
 * <p>Threading: the final fields are set on the harness thread before the first stream opens; the
 * counters and the log are safe from any event loop; {@link #sending} and {@link #stopped} are
 * written by the harness thread and read on the event loops (and by the ramp thread), hence
 * volatile.
 */
final class FloorShared {

  final Vertx vertx;
  final HttpClientAgent http;

  /** Over h2c, Vert.x's pooled HTTP/2 client; null otherwise. */
  final HttpClientAgent h2;

  final WebSocketClient ws;
  final URI target;
  final Workload workload;

  /** Told every message's first-byte and first-token times, or null (the cost steps). */
  final MessageTimings timings;

  final FirstTokenLog firstTokens;
  final LongAdder ok;
  final LongAdder failed;
  final AtomicInteger inFlight;

  /** False once draining: nothing new is sent. */
  volatile boolean sending = true;

  /** True once closing: no stream opens, sends or retries. */
  volatile boolean stopped;

  FloorShared(
      Vertx vertx,
      HttpClientAgent http,
      HttpClientAgent h2,
      WebSocketClient ws,
      URI target,
      Workload workload,
      MessageTimings timings,
      FirstTokenLog firstTokens,
      LongAdder ok,
      LongAdder failed,
      AtomicInteger inFlight) {
    this.vertx = vertx;
    this.http = http;
    this.h2 = h2;
    this.ws = ws;
    this.target = target;
    this.workload = workload;
    this.timings = timings;
    this.firstTokens = firstTokens;
    this.ok = ok;
    this.failed = failed;
    this.inFlight = inFlight;
  }
}
