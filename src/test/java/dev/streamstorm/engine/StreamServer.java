package dev.streamstorm.engine;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small streaming server on 127.0.0.1 for tests of how connections are made (TLS, proxies,
 * HTTP/2; it speaks HTTP/1.1, h2c, and h2 by ALPN when given TLS): {@code POST /session} answers
 * {@code {"session_id":"s-1"}}, {@code /status/N} answers status N, {@code /reset} resets its
 * stream after one event, {@code /goaway} sends GOAWAY naming its stream as the last, {@code
 * /goaway-refuse} (the first time) one naming an earlier stream, {@code /huge} streams an endless
 * line, {@code /slow} answers after 3 s, any other POST streams two OpenAI-style tokens and {@code
 * [DONE]}, and {@code /ws} answers each WebSocket message with two {@code token} frames and a
 * {@code done} frame. It counts connections and requests and records the TLS server name (SNI) and
 * HTTP version of each request.
 */
final class StreamServer implements AutoCloseable {
  static final String SSE =
      "data: {\"choices\":[{\"delta\":{\"content\":\"hello\"}}]}\n\n"
          + "data: {\"choices\":[{\"delta\":{\"content\":\" there\"}}]}\n\n"
          + "data: [DONE]\n\n";

  final Vertx vertx;
  final HttpServer server;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();

  /** /linger streams that ended by the client's reset (or its connection's close), never by us. */
  final AtomicInteger lingerCut = new AtomicInteger();

  final List<String> serverNames = new CopyOnWriteArrayList<>();
  final List<String> versions = new CopyOnWriteArrayList<>();

  StreamServer(HttpServerOptions options) throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer(options)
            .connectionHandler(c -> connections.incrementAndGet())
            .requestHandler(this::handle)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    requests.incrementAndGet();
    String sni = req.connection().indicatedServerName();
    serverNames.add(sni == null ? "" : sni);
    versions.add(req.version().alpnName());
    if (req.path().equals("/ws")) {
      req.toWebSocket()
          .onSuccess(
              ws ->
                  ws.textMessageHandler(
                      m -> {
                        ws.writeTextMessage("{\"type\":\"token\",\"content\":\"hello\"}");
                        ws.writeTextMessage("{\"type\":\"token\",\"content\":\" there\"}");
                        ws.writeTextMessage("{\"type\":\"done\"}");
                      }));
      return;
    }
    req.body().onSuccess(body -> respond(req));
  }

  /** Set when /goaway-refuse has refused its first stream. */
  private final java.util.concurrent.atomic.AtomicBoolean refused =
      new java.util.concurrent.atomic.AtomicBoolean();

  private static final String FIRST_EVENT = SSE.substring(0, SSE.indexOf("\n\n") + 2);
  private static final String REST = SSE.substring(FIRST_EVENT.length());

  private void respond(HttpServerRequest req) {
    HttpServerResponse resp = req.response();
    String path = req.path();
    if (path.equals("/session")) {
      resp.putHeader("Content-Type", "application/json").end("{\"session_id\":\"s-1\"}");
    } else if (path.startsWith("/status/")) {
      resp.setStatusCode(Integer.parseInt(path.substring("/status/".length())))
          .putHeader("Content-Type", "application/json")
          .end("{\"error\":\"refused by the test server\"}");
    } else if (path.equals("/reset")) {
      // One event, then RST_STREAM: the stream breaks, its connection lives on.
      resp.setChunked(true).putHeader("Content-Type", "text/event-stream").write(FIRST_EVENT);
      vertx.setTimer(20, t -> resp.reset());
    } else if (path.equals("/goaway")) {
      // GOAWAY naming this stream as the last: it finishes, the next message needs another
      // connection.
      resp.setChunked(true).putHeader("Content-Type", "text/event-stream").write(FIRST_EVENT);
      req.connection().goAway(0, req.streamId());
      vertx.setTimer(20, t -> resp.end(REST));
    } else if (path.equals("/goaway-refuse") && refused.compareAndSet(false, true)) {
      // GOAWAY naming an earlier stream as the last: this one was not processed.
      req.connection().goAway(0, Math.max(0, req.streamId() - 2));
    } else if (path.equals("/linger")) {
      // The whole answer, [DONE] included, then the stream kept open with a comment every 200 ms.
      resp.setChunked(true).putHeader("Content-Type", "text/event-stream").write(SSE);
      long timer = vertx.setPeriodic(200, t -> resp.write(": still here\n\n"));
      resp.closeHandler(
          v -> {
            vertx.cancelTimer(timer);
            lingerCut.incrementAndGet();
          });
    } else if (path.equals("/huge")) {
      resp.setChunked(true).putHeader("Content-Type", "text/event-stream").write("data: ");
      endless(resp);
    } else if (path.equals("/slow")) {
      resp.setChunked(true).putHeader("Content-Type", "text/event-stream");
      vertx.setTimer(
          3_000,
          t -> {
            if (!resp.closed()) {
              resp.end(SSE);
            }
          });
    } else {
      resp.putHeader("Content-Type", "text/event-stream").end(SSE);
    }
  }

  /** 64 KiB of one letter after another, never a newline, until the client gives up. */
  private void endless(HttpServerResponse resp) {
    if (resp.closed() || resp.ended()) {
      return;
    }
    resp.write(io.vertx.core.buffer.Buffer.buffer("x".repeat(64 * 1024)))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                endless(resp);
              }
            });
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
