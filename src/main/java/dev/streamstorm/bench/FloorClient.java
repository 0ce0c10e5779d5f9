package dev.streamstorm.bench;

import dev.streamstorm.engine.GeneratorVertx;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The floor: the least a Vert.x client can do on the same load. Same Vert.x, same number of event
 * loops and transport, one keep-alive connection per stream (over h2c: Vert.x's own HTTP/2 pool,
 * 100 streams a connection), the same requests; it only scans the bytes for event boundaries
 * ({@code \n\n} for SSE) or compares each frame's first bytes with the done frame's (WebSocket),
 * and sends the next message when one ends. No parsing and no metrics: what streamstorm costs above
 * this is the price of its measurements. Its event-loop lag is probed like the generator's, so lag
 * that both show is the machine's.
 *
 * <p>It takes one timestamp per message, {@code System.nanoTime()} when the bytes that complete the
 * first content event arrive (the second SSE event: bench-server sends the role chunk with the
 * headers; the first WebSocket frame), so its first-token error against the server's write is what
 * this machine allows any Vert.x client: the baseline for streamstorm's accuracy.
 */
final class FloorClient implements BenchClient {

  /** Streams on one HTTP/2 connection of the floor (streamstorm's default too). */
  private static final int H2_STREAMS_PER_CONNECTION = 100;

  private final Workload workload;
  private final URI target;
  private final int eventLoops;
  private final boolean preferNative;
  private final boolean atOnce;
  private final MessageTimings timings;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder ok = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final FirstTokenLog firstTokens = new FirstTokenLog("floor", ServerStats.RECENT_CAPACITY);
  private Vertx vertx;

  /** What the streams use of this client, once its clients exist; null before {@link #start}. */
  private FloorShared shared;

  private Thread ramp;
  private LagProbe lagProbe;
  private long okAtStart;
  private long failedAtStart;
  private long[] window;

  FloorClient(Workload workload, URI target, int eventLoops, boolean preferNative) {
    this(workload, target, eventLoops, preferNative, false, null);
  }

  /**
   * @param atOnce open every stream at once (a cold start) instead of over the workload's ramp
   * @param timings told every message's first-byte and first-token times, from the message's
   *     intended start (a stream's first message: before its connection is opened), or null (the
   *     cost steps: no timing but the first-token instant)
   */
  FloorClient(
      Workload workload,
      URI target,
      int eventLoops,
      boolean preferNative,
      boolean atOnce,
      MessageTimings timings) {
    this.workload = workload;
    this.target = target;
    this.eventLoops = eventLoops;
    this.preferNative = preferNative;
    this.atOnce = atOnce;
    this.timings = timings;
  }

  @Override
  public long start() {
    vertx = GeneratorVertx.create(eventLoops, preferNative);
    HttpClientAgent http =
        vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true));
    HttpClientAgent h2 = null;
    if (workload.protocol() == Workload.Protocol.H2C) {
      // Over h2c the floor is Vert.x's own HTTP/2 pool: cleartext with prior knowledge, 100
      // streams a connection (streamstorm's default), as many connections as that takes.
      h2 =
          vertx
              .httpClientBuilder()
              .with(
                  new HttpClientOptions()
                      .setProtocolVersion(HttpVersion.HTTP_2)
                      .setHttp2ClearTextUpgrade(false)
                      .setHttp2MultiplexingLimit(H2_STREAMS_PER_CONNECTION)
                      .setTcpNoDelay(true)
                      .setDefaultHost(target.getHost())
                      .setDefaultPort(target.getPort()))
              .with(
                  new PoolOptions()
                      .setHttp2MaxSize(
                          Math.max(
                              1,
                              (workload.streams() + H2_STREAMS_PER_CONNECTION - 1)
                                  / H2_STREAMS_PER_CONNECTION)))
              .build();
    }
    WebSocketClient ws =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxConnections(Integer.MAX_VALUE).setTcpNoDelay(true));
    shared =
        new FloorShared(
            vertx, http, h2, ws, target, workload, timings, firstTokens, ok, failed, inFlight);
    List<Context> loops = eventLoopContexts();
    lagProbe = new LagProbe(loops);
    long startNs = System.nanoTime();
    long rampNs = atOnce ? 0 : (long) (workload.rampSeconds() * 1e9);
    ramp =
        new Thread(
            () -> {
              for (int i = 0; i < workload.streams() && !shared.stopped; i++) {
                long dueNs = startNs + rampNs * i / workload.streams();
                long waitNs = dueNs - System.nanoTime();
                if (waitNs > 0) {
                  try {
                    TimeUnit.NANOSECONDS.sleep(waitNs);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
                FloorStream s =
                    workload.protocol() == Workload.Protocol.WEBSOCKET
                        ? new FloorWsStream(shared, i)
                        : new FloorSseStream(shared, i);
                s.intendedNs = dueNs;
                loops.get(i % loops.size()).runOnContext(v -> s.open());
              }
            },
            "streamstorm-floor-ramp");
    ramp.setDaemon(true);
    ramp.start();
    return startNs;
  }

  /**
   * One context on each event loop, as streamstorm's run takes them: a verticle deployed once per
   * loop. ({@code getOrCreateContext()} from this thread would return the same context every time:
   * Vert.x keeps one per non-Vert.x thread, and the floor would run on one loop.)
   */
  private List<Context> eventLoopContexts() {
    List<Context> loops = new CopyOnWriteArrayList<>();
    try {
      vertx
          .deployVerticle(
              () ->
                  ctx -> {
                    loops.add(ctx);
                    return Future.succeededFuture();
                  },
              new DeploymentOptions().setInstances(eventLoops))
          .await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new BenchException("the floor client could not start its event loops: " + e);
    }
    return loops;
  }

  @Override
  public String transport() {
    return vertx == null ? "" : GeneratorVertx.transport(vertx);
  }

  @Override
  public void windowStarts(long fromNs) {
    okAtStart = ok.sum();
    failedAtStart = failed.sum();
    lagProbe.windowStarts();
  }

  @Override
  public void windowEnds(long fromNs, long toNs) {
    window = new long[] {ok.sum() - okAtStart, failed.sum() - failedAtStart};
    lagProbe.windowEnds();
  }

  @Override
  public Lag lag() {
    return lagProbe.lag();
  }

  @Override
  public long[] messages() {
    return window == null ? new long[2] : window.clone();
  }

  @Override
  public List<TtftError.Match> ttftMatches(
      List<ServerStats.Request> serverRecords, long fromNs, long toNs) {
    return TtftError.match(firstTokens.entries(), serverRecords, fromNs, toNs);
  }

  /**
   * Sends no new message and waits up to {@code timeoutMs} for the messages in flight to end, as a
   * graceful stop does: a run's message count then holds every message it started.
   */
  void drain(long timeoutMs) {
    shared.sending = false;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    if (shared != null) {
      shared.stopped = true;
    }
    if (ramp != null) {
      ramp.interrupt();
    }
    if (lagProbe != null) {
      lagProbe.close();
    }
    if (vertx != null) {
      try {
        vertx.close().await(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Best effort: the next step uses a new Vert.x.
      }
    }
  }
}
