package dev.streamstorm.benchserver;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A plain Vert.x HTTP client for tests: sends one request and collects the response as SSE events
 * (split on blank lines) with the nanoTime each event completed, plus the raw body.
 */
final class TestClient implements AutoCloseable {

  /** One SSE event (or, for non-SSE bodies, nothing) and when its last byte arrived. */
  record Event(long arrivalNs, String raw) {
    String name() {
      for (String line : raw.split("\n")) {
        if (line.startsWith("event: ")) {
          return line.substring(7);
        }
      }
      return null;
    }

    String data() {
      for (String line : raw.split("\n")) {
        if (line.startsWith("data: ")) {
          return line.substring(6);
        }
      }
      return null;
    }
  }

  record Result(
      int status,
      MultiMap headers,
      long sentNs,
      long headersNs,
      List<Event> events,
      String body,
      boolean completed,
      Throwable error) {

    String header(String name) {
      return headers.get(name);
    }

    /** Events whose data carries content (a token), in order. */
    List<Event> tokenEvents(String marker) {
      return events.stream().filter(e -> e.raw().contains(marker)).toList();
    }

    double millisFromSent(long ns) {
      return (ns - sentNs) / 1e6;
    }
  }

  private final HttpClient client;
  private final int port;

  /**
   * Every request starts on this one context, so each response reaches its callbacks on the event
   * loop that reads it, before its body: set from another thread, the body handler could come after
   * the end of a short response (IllegalStateException, then a 20 s timeout).
   */
  private final Context context;

  TestClient(Vertx vertx, int port) {
    this.port = port;
    this.context = vertx.getOrCreateContext();
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
            new PoolOptions().setHttp1MaxSize(64));
  }

  Result post(String path, String json) {
    return send(HttpMethod.POST, path, json, Map.of());
  }

  Result post(String path, String json, Map<String, String> headers) {
    return send(HttpMethod.POST, path, json, headers);
  }

  Result get(String path) {
    return send(HttpMethod.GET, path, null, Map.of());
  }

  /** Starts the request without waiting (concurrent tests). */
  CompletableFuture<Result> sendAsync(
      HttpMethod method, String path, String body, Map<String, String> headers) {
    CompletableFuture<Result> result = new CompletableFuture<>();
    RequestOptions options = new RequestOptions().setMethod(method).setURI(path).setPort(port);
    headers.forEach(options::putHeader);
    if (body != null) {
      options.putHeader("content-type", "application/json");
    }
    context.runOnContext(
        v ->
            client
                .request(options)
                .compose(
                    req -> {
                      long sentNs = System.nanoTime();
                      Future<io.vertx.core.http.HttpClientResponse> sent =
                          body == null ? req.send() : req.send(Buffer.buffer(body));
                      return sent.map(resp -> new Object[] {resp, sentNs});
                    })
                .onFailure(result::completeExceptionally)
                .onSuccess(
                    pair -> {
                      var resp = (io.vertx.core.http.HttpClientResponse) pair[0];
                      long sentNs = (Long) pair[1];
                      long headersNs = System.nanoTime();
                      List<Event> events = new ArrayList<>();
                      StringBuilder body2 = new StringBuilder();
                      StringBuilder pending = new StringBuilder();
                      resp.handler(
                          buf -> {
                            long now = System.nanoTime();
                            String s = buf.toString(StandardCharsets.UTF_8);
                            body2.append(s);
                            pending.append(s);
                            int end;
                            while ((end = pending.indexOf("\n\n")) >= 0) {
                              events.add(new Event(now, pending.substring(0, end)));
                              pending.delete(0, end + 2);
                            }
                          });
                      resp.end()
                          .onComplete(
                              ar ->
                                  result.complete(
                                      new Result(
                                          resp.statusCode(),
                                          resp.headers(),
                                          sentNs,
                                          headersNs,
                                          events,
                                          body2.toString(),
                                          ar.succeeded(),
                                          ar.cause())));
                    }));
    return result;
  }

  Result send(HttpMethod method, String path, String body, Map<String, String> headers) {
    try {
      return sendAsync(method, path, body, headers).get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request " + method + " " + path + " failed", e);
    }
  }

  @Override
  public void close() {
    client.close().await();
  }

  static String chatBody(boolean stream) {
    return "{\"model\":\"bench\",\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
  }
}
