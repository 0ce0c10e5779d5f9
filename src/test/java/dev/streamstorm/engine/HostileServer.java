package dev.streamstorm.engine;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.net.NetServer;
import io.vertx.core.streams.WriteStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A misbehaving server started by a test on 127.0.0.1, port 0: HTTP requests and WebSocket messages
 * are answered by the test's behaviour, which may flood, stall or lie. Counts what it sent, so a
 * test can show that the client stopped reading early.
 */
public final class HostileServer implements AutoCloseable {

  /** Answers the {@code n}-th request (1-based, across connections). */
  public interface HttpBehaviour {
    void answer(HttpServerRequest request, int n, HostileServer server);
  }

  /** Answers the {@code n}-th text message (1-based, across sockets) on {@code socket}. */
  public interface WsBehaviour {
    void answer(ServerWebSocket socket, String text, int n, HostileServer server);
  }

  private final Vertx vertx;
  private final int port;
  public final AtomicInteger requests = new AtomicInteger();
  public final AtomicInteger messages = new AtomicInteger();
  public final AtomicInteger connections = new AtomicInteger();

  /** Bytes written by {@link #pump} in all. */
  public final AtomicLong pumped = new AtomicLong();

  private HostileServer(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  public static HostileServer http(HttpBehaviour behaviour) throws Exception {
    return start(behaviour, null);
  }

  public static HostileServer webSocket(WsBehaviour behaviour) throws Exception {
    return start(null, behaviour);
  }

  private static HostileServer start(HttpBehaviour httpBehaviour, WsBehaviour wsBehaviour)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    HostileServer[] self = new HostileServer[1];
    HttpServer server = vertx.createHttpServer();
    server.connectionHandler(c -> self[0].connections.incrementAndGet());
    if (httpBehaviour != null) {
      server.requestHandler(
          req ->
              req.body()
                  .onSuccess(
                      body ->
                          httpBehaviour.answer(req, self[0].requests.incrementAndGet(), self[0])));
    }
    if (wsBehaviour != null) {
      server.webSocketHandler(
          ws ->
              ws.textMessageHandler(
                  text ->
                      wsBehaviour.answer(ws, text, self[0].messages.incrementAndGet(), self[0])));
    }
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, SECONDS);
    self[0] = new HostileServer(vertx, server.actualPort());
    return self[0];
  }

  /** A TCP server that accepts connections and never says a word. */
  public static HostileServer silent() throws Exception {
    Vertx vertx = Vertx.vertx();
    HostileServer[] self = new HostileServer[1];
    NetServer net =
        vertx.createNetServer().connectHandler(s -> self[0].connections.incrementAndGet());
    net.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, SECONDS);
    self[0] = new HostileServer(vertx, net.actualPort());
    return self[0];
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Writes {@code next} chunk after chunk into {@code out}, as fast as it takes them, until {@code
   * totalBytes} have been written or the peer went away.
   */
  public void pump(WriteStream<Buffer> out, Supplier<Buffer> next, long totalBytes) {
    boolean[] closed = {false};
    out.exceptionHandler(err -> closed[0] = true);
    if (out instanceof HttpServerResponse r) {
      r.closeHandler(v -> closed[0] = true);
    }
    pumpOn(out, next, totalBytes, new long[] {0}, closed);
  }

  /**
   * Writes until the queue is full, then on drain; every megabyte it lets the event loop run, so
   * that a close by the peer is seen (writes to a closed connection never fill the queue).
   */
  private void pumpOn(
      WriteStream<Buffer> out, Supplier<Buffer> next, long total, long[] sent, boolean[] closed) {
    long turnEnd = sent[0] + (1 << 20);
    while (!closed[0] && sent[0] < total) {
      if (out.writeQueueFull()) {
        out.drainHandler(v -> pumpOn(out, next, total, sent, closed));
        return;
      }
      if (sent[0] >= turnEnd) {
        vertx.runOnContext(v -> pumpOn(out, next, total, sent, closed));
        return;
      }
      Buffer b = next.get();
      sent[0] += b.length();
      pumped.addAndGet(b.length());
      out.write(b);
    }
  }

  /** The frames of one WebSocket message that never ends: a text frame, then continuations. */
  public void pumpFragments(ServerWebSocket ws, Buffer fragment, long totalBytes) {
    boolean[] first = {true};
    boolean[] closed = {false};
    ws.closeHandler(v -> closed[0] = true);
    ws.exceptionHandler(err -> closed[0] = true);
    long[] sent = {0};
    Runnable[] step = new Runnable[1];
    step[0] =
        () -> {
          long turnEnd = sent[0] + (1 << 20);
          while (!closed[0] && sent[0] < totalBytes) {
            if (ws.writeQueueFull()) {
              ws.drainHandler(v -> step[0].run());
              return;
            }
            if (sent[0] >= turnEnd) {
              vertx.runOnContext(v -> step[0].run());
              return;
            }
            WebSocketFrame f =
                first[0]
                    ? WebSocketFrame.textFrame(fragment.toString(), false)
                    : WebSocketFrame.continuationFrame(fragment, false);
            first[0] = false;
            sent[0] += fragment.length();
            pumped.addAndGet(fragment.length());
            ws.writeFrame(f);
          }
        };
    step[0].run();
  }

  public static Buffer repeat(char c, int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) c);
    return Buffer.buffer(b);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, SECONDS);
  }

  private static final TimeUnit SECONDS = TimeUnit.SECONDS;
}
