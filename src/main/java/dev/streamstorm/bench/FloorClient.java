package dev.streamstorm.bench;

import dev.streamstorm.engine.GeneratorVertx;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.buffer.BufferInternal;
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

  private static final long RETRY_MS = 1_000;

  /** How bench-server's WebSocket done frame starts. */
  private static final byte[] DONE_PREFIX =
      "{\"type\":\"done\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Streams on one HTTP/2 connection of the floor (streamstorm's default too). */
  private static final int H2_STREAMS_PER_CONNECTION = 100;

  private final Workload workload;
  private final URI target;
  private final int eventLoops;
  private final boolean preferNative;
  private final boolean atOnce;
  private final MessageTimings timings;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean sending = true;
  private final LongAdder ok = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final FirstTokenLog firstTokens = new FirstTokenLog("floor", ServerStats.RECENT_CAPACITY);
  private volatile boolean stopped;
  private Vertx vertx;
  private HttpClientAgent http;

  /** Over h2c, Vert.x's pooled HTTP/2 client; null otherwise. */
  private HttpClientAgent h2;

  private WebSocketClient ws;
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
    http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true));
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
    ws =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxConnections(Integer.MAX_VALUE).setTcpNoDelay(true));
    List<Context> loops = eventLoopContexts();
    lagProbe = new LagProbe(loops);
    long startNs = System.nanoTime();
    long rampNs = atOnce ? 0 : (long) (workload.rampSeconds() * 1e9);
    ramp =
        new Thread(
            () -> {
              for (int i = 0; i < workload.streams() && !stopped; i++) {
                long dueNs = startNs + rampNs * i / workload.streams();
                long waitNs = dueNs - System.nanoTime();
                if (waitNs > 0) {
                  try {
                    TimeUnit.NANOSECONDS.sleep(waitNs);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
                Stream s =
                    workload.protocol() == Workload.Protocol.WEBSOCKET
                        ? new WsStream(i)
                        : new SseStream(i);
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
    sending = false;
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
    stopped = true;
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

  /** One stream: its connection, confined to the event loop it was opened on. */
  private abstract class Stream {
    final int index;
    long messagesSent;
    String requestId;
    long sentNs;

    /** When the message was actually sent, after its connection opened. */
    long sendNs;

    boolean inFlightNow;

    /**
     * When the stream's next message was meant to start, if that was before its connection was
     * opened (its first message: the ramp's instant; after a failure: the retry), else -1. That
     * message's clock starts there, connection set-up included, as streamstorm's does (its clock
     * starts at the intended start, docs/metrics.md); later messages, on the open connection, start
     * at their send.
     */
    long intendedNs = -1;

    Stream(int index) {
      this.index = index;
    }

    abstract void open();

    void failedThenRetry() {
      ended();
      failed.increment();
      if (!stopped) {
        vertx.setTimer(
            RETRY_MS,
            t -> {
              intendedNs = System.nanoTime();
              open();
            });
      }
    }

    /** Starts a message (false once draining: nothing new is sent). */
    boolean begin() {
      if (!sending) {
        return false;
      }
      if (timings != null) {
        sendNs = System.nanoTime();
        sentNs = intendedNs >= 0 ? intendedNs : sendNs;
        intendedNs = -1;
      }
      inFlightNow = true;
      inFlight.incrementAndGet();
      return true;
    }

    /** The message ended, well or not. */
    void ended() {
      if (inFlightNow) {
        inFlightNow = false;
        inFlight.decrementAndGet();
      }
    }

    /** A connection opened: its set-up time, for the cold step. */
    void connected(long connectNs) {
      if (timings != null) {
        timings.connect(System.nanoTime() - connectNs);
      }
    }

    String nextRequestId() {
      requestId = "floor-" + index + "-" + (++messagesSent);
      return requestId;
    }

    void firstByteArrived(long arrivalNs) {
      if (timings != null) {
        timings.firstByte(arrivalNs - sentNs);
      }
    }

    void firstTokenArrived(long arrivalNs) {
      firstTokens.record(requestId, arrivalNs);
      if (timings != null) {
        timings.firstToken(arrivalNs - sentNs);
        timings.firstTokenFromSend(arrivalNs - sendNs);
      }
    }
  }

  /** SSE over one keep-alive HTTP/1.1 connection; counts {@code \n\n} event ends. */
  private final class SseStream extends Stream implements ByteProcessor {
    private final Buffer body = Buffer.buffer(Workload.sseBody());
    private HttpClientConnection connection;
    private boolean lastWasNewline;

    /** Events of the current message seen so far, up to 2; 3 once its first token is stamped. */
    private int eventsOfMessage;

    SseStream(int index) {
      super(index);
    }

    @Override
    void open() {
      if (stopped) {
        return;
      }
      if (h2 != null) {
        send();
        return;
      }
      long connectNs = System.nanoTime();
      http.connect(new HttpConnectOptions().setHost(target.getHost()).setPort(target.getPort()))
          .onSuccess(
              c -> {
                connected(connectNs);
                connection = c;
                send();
              })
          .onFailure(err -> failedThenRetry());
    }

    private void send() {
      if (stopped || !begin()) {
        return;
      }
      MultiMap headers =
          MultiMap.caseInsensitiveMultiMap()
              .set("Content-Type", "application/json")
              .set("Accept", "text/event-stream")
              .set("X-Request-Id", nextRequestId());
      RequestOptions request =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setURI(workload.ssePath())
              .setHeaders(headers);
      (h2 != null ? h2.request(request) : connection.request(request))
          .compose(req -> req.send(body))
          .onSuccess(this::onResponse)
          .onFailure(err -> dropped());
    }

    private void onResponse(HttpClientResponse resp) {
      firstByteArrived(System.nanoTime());
      eventsOfMessage = 0;
      resp.handler(
          buf -> {
            ((BufferInternal) buf).getByteBuf().forEachByte(this);
            if (eventsOfMessage == 2) {
              // Stamped after the scan, once per message: the floor pays for no clock read it
              // does not need (its error is then a few tens of nanoseconds pessimistic).
              eventsOfMessage++;
              firstTokenArrived(System.nanoTime());
            }
          });
      resp.exceptionHandler(err -> dropped());
      resp.endHandler(
          v -> {
            ended();
            ok.increment();
            send();
          });
    }

    @Override
    public boolean process(byte value) {
      if (value == '\n') {
        if (lastWasNewline && eventsOfMessage < 2) {
          eventsOfMessage++;
        }
        lastWasNewline = true;
      } else {
        lastWasNewline = false;
      }
      return true;
    }

    private void dropped() {
      HttpClientConnection c = connection;
      connection = null;
      if (c != null) {
        c.close();
      }
      failedThenRetry();
    }
  }

  /** One WebSocket conversation; a message ends with bench-server's done frame. */
  private final class WsStream extends Stream {
    private WebSocket socket;
    private int framesOfMessage;

    WsStream(int index) {
      super(index);
    }

    @Override
    void open() {
      if (stopped) {
        return;
      }
      long connectNs = System.nanoTime();
      ws.connect(
              new WebSocketConnectOptions()
                  .setHost(target.getHost())
                  .setPort(target.getPort())
                  .setURI("/ws"))
          .onSuccess(
              s -> {
                connected(connectNs);
                socket = s;
                s.frameHandler(
                    f -> {
                      if (framesOfMessage == 0) {
                        long nowNs = System.nanoTime();
                        firstByteArrived(nowNs);
                        firstTokenArrived(nowNs);
                      }
                      framesOfMessage++;
                      if (isDone(f.binaryData())) {
                        framesOfMessage = 0;
                        ended();
                        ok.increment();
                        send();
                      }
                    });
                s.closeHandler(
                    v -> {
                      if (!stopped) {
                        failedThenRetry();
                      }
                    });
                send();
              })
          .onFailure(err -> failedThenRetry());
    }

    /**
     * Whether a frame is the message's done frame: its first bytes are {@code {"type":"done"}.
     * Checked in place, without parsing: bench-server's frames have a fixed start, and the count
     * of frames per message is not fixed (a usage frame follows each LLM call; counting tokens + 1
     * frames ended every message one frame early, and the floor's conversations stalled).
     */
    private static boolean isDone(Buffer data) {
      ByteBuf bytes = ((BufferInternal) data).getByteBuf();
      int start = bytes.readerIndex();
      if (bytes.readableBytes() < DONE_PREFIX.length) {
        return false;
      }
      for (int i = 0; i < DONE_PREFIX.length; i++) {
        if (bytes.getByte(start + i) != DONE_PREFIX[i]) {
          return false;
        }
      }
      return true;
    }

    private void send() {
      if (!stopped && socket != null && begin()) {
        socket.writeTextMessage(workload.wsFrame(nextRequestId()));
      }
    }
  }
}
