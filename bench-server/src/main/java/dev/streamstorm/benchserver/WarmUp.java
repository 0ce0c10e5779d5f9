package dev.streamstorm.benchserver;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives short requests through every endpoint of a throw-away bench-server over loopback, so that
 * the JIT has compiled the request, plan and sink paths before the real server's first request
 * (cold, that request's first token was hundreds of milliseconds late). The throw-away server has
 * its own state (numbering, stats, sessions, limits), so the real one starts with no trace of it.
 * Bounded by {@link #MAX_REQUESTS} and by time: {@link #BUDGET_NANOS} from the first completed
 * request (the first ones load classes and run interpreted: that cost is what the first real
 * request would have paid), and {@link #CAP_NANOS} in all. A failed request is ignored (the warm-up
 * only warms).
 */
final class WarmUp {

  static final int MAX_REQUESTS = 600;
  static final long BUDGET_NANOS = 500_000_000L;
  static final long CAP_NANOS = 4_000_000_000L;
  private static final int IN_FLIGHT = 8;

  private static final String FAST = "ttft_ms=0&itl_ms=0&tokens=4&reasoning_tokens=2&tool_calls=1";
  private static final String TIMED = "ttft_ms=1&itl_ms=1&tokens=3&reasoning_tokens=1&tool_calls=1";
  private static final String CHAT =
      "{\"model\":\"warm-up\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
          + "\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"warm up\"}]}";

  /** One request of the round: method, path (before the query), body, whether SSE is accepted. */
  private record Call(HttpMethod method, String path, String body, boolean sse) {}

  private static final List<Call> ROUND =
      List.of(
          new Call(HttpMethod.POST, "/v1/chat/completions", CHAT, true),
          new Call(HttpMethod.POST, "/v1/chat/completions", CHAT.replace("true", "false"), false),
          new Call(HttpMethod.POST, "/v1/messages", CHAT, true),
          new Call(HttpMethod.POST, "/v1/messages", CHAT.replace("true", "false"), false),
          new Call(
              HttpMethod.POST,
              "/v1/responses",
              "{\"input\":\"warm up\",\"stream\":true,\"max_output_tokens\":50}",
              true),
          new Call(
              HttpMethod.POST,
              "/v1beta/models/warm-up:streamGenerateContent",
              "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"warm up\"}]}]}",
              true),
          new Call(HttpMethod.POST, "/v1/text", "{\"prompt\":\"warm up\"}", true),
          new Call(
              HttpMethod.POST,
              "/api/chat",
              "{\"messages\":[{\"id\":\"w\",\"role\":\"user\",\"parts\":[{\"type\":\"text\","
                  + "\"text\":\"warm up\"}]}]}",
              true),
          new Call(
              HttpMethod.POST,
              "/a2a",
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/stream\",\"params\":{\"message\":"
                  + "{\"role\":\"user\",\"parts\":[{\"kind\":\"text\",\"text\":\"warm up\"}],"
                  + "\"messageId\":\"w\",\"kind\":\"message\"}}}",
              true),
          new Call(
              HttpMethod.POST,
              "/api/sessions/warm-up/messages",
              "{\"content\":\"look up order 12345\"}",
              true),
          new Call(
              HttpMethod.POST, "/api/sessions/warm-up/messages", "{\"content\":\"hi\"}", false),
          new Call(HttpMethod.POST, "/v1/chat/completions", "{", false),
          new Call(HttpMethod.GET, "/no-such-route", null, false));

  private final Vertx vertx;
  private final HttpClient http;
  private final WebSocketClient ws;
  private final String host;
  private final int port;
  private final long capNs;
  private volatile long deadlineNs;
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger completed = new AtomicInteger();

  private WarmUp(Vertx vertx, String host, int port) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost(host).setDefaultPort(port),
            new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
    this.ws = vertx.createWebSocketClient();
    this.capNs = System.nanoTime() + CAP_NANOS;
    this.deadlineNs = capNs;
  }

  /**
   * Warms against a server listening on host:port; completes (never fails) with the number of
   * requests that ended, answered or not.
   */
  static Future<Integer> run(Vertx vertx, String host, int port) {
    WarmUp w = new WarmUp(vertx, host, port);
    Promise<Integer> done = Promise.promise();
    AtomicInteger lanes = new AtomicInteger(IN_FLIGHT);
    for (int i = 0; i < IN_FLIGHT; i++) {
      w.lane(
          () -> {
            if (lanes.decrementAndGet() == 0) {
              Future.join(w.http.close(), w.ws.close())
                  .onComplete(ar -> done.complete(w.completed.get()));
            }
          });
    }
    return done.future();
  }

  /** Sends one request after another until the count or the time is used up. */
  private void lane(Runnable finished) {
    int n = started.getAndIncrement();
    if (n >= MAX_REQUESTS || System.nanoTime() - deadlineNs > 0) {
      finished.run();
      return;
    }
    one(n)
        .onComplete(
            ar -> {
              if (completed.getAndIncrement() == 0) {
                long budgetEndNs = System.nanoTime() + BUDGET_NANOS;
                deadlineNs = budgetEndNs - capNs < 0 ? budgetEndNs : capNs;
              }
              vertx.runOnContext(v -> lane(finished));
            });
  }

  private Future<?> one(int n) {
    int slot = n % (ROUND.size() + 2);
    String query = n % 5 == 4 ? TIMED : FAST;
    if (slot == ROUND.size()) {
      return agentSocket(query);
    }
    if (slot == ROUND.size() + 1) {
      return realtimeSocket(query);
    }
    Call c = ROUND.get(slot);
    String uri = c.path() + (c.path().contains("streamGenerate") ? "?alt=sse&" : "?") + query;
    RequestOptions options = new RequestOptions().setMethod(c.method()).setURI(uri);
    if (c.sse()) {
      options.putHeader("Accept", "text/event-stream");
    }
    if (c.body() != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return http.request(options)
        .compose(req -> c.body() == null ? req.send() : req.send(Buffer.buffer(c.body())))
        .compose(resp -> resp.body());
  }

  /** One message on the agent WebSocket: frames until done. */
  private Future<?> agentSocket(String query) {
    return socket(
        "/ws",
        "{\"type\":\"message\",\"content\":\"look up order 7\"," + frameFields(query) + "}",
        "\"done\"");
  }

  /** One Realtime response: session.created, response.create, frames until response.done. */
  private Future<?> realtimeSocket(String query) {
    return socket(
        "/v1/realtime",
        "{\"type\":\"response.create\"," + frameFields(query) + "}",
        "\"response.done\"");
  }

  private Future<?> socket(String path, String message, String lastType) {
    Promise<Void> over = Promise.promise();
    ws.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI(path))
        .onFailure(over::tryFail)
        .onSuccess(
            socket -> {
              socket.textMessageHandler(
                  text -> {
                    if (text.contains(lastType) || text.contains("\"error\"")) {
                      close(socket, over);
                    }
                  });
              socket.closeHandler(v -> over.tryComplete());
              socket.writeTextMessage(message);
            });
    return over.future();
  }

  private static void close(WebSocket socket, Promise<Void> over) {
    socket.close().onComplete(ar -> over.tryComplete());
  }

  /** The query's overrides as JSON frame fields. */
  private static String frameFields(String query) {
    StringBuilder sb = new StringBuilder();
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=");
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append('"').append(kv[0]).append("\":").append(kv[1]);
    }
    return sb.toString();
  }
}
