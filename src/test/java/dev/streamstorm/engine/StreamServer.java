package dev.streamstorm.engine;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small streaming server on 127.0.0.1 for tests of how connections are made (TLS, proxies,
 * HTTP/2): {@code POST /session} answers {@code {"session_id":"s-1"}}, any other POST streams two
 * OpenAI-style tokens and {@code [DONE]}, and {@code /ws} answers each WebSocket message with two
 * {@code token} frames and a {@code done} frame. It counts connections and requests and records the
 * TLS server name (SNI) and HTTP version of each request.
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
    req.body()
        .onSuccess(
            body -> {
              if (req.path().equals("/session")) {
                req.response()
                    .putHeader("Content-Type", "application/json")
                    .end("{\"session_id\":\"s-1\"}");
              } else {
                req.response().putHeader("Content-Type", "text/event-stream").end(SSE);
              }
            });
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
