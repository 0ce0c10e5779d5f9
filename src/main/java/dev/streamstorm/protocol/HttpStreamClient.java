package dev.streamstorm.protocol;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * One virtual user's HTTP side: its keep-alive connection, reused from message to message as SDKs
 * do (or a new one per message when asked), SSE message exchanges and plain calls. Thread
 * confinement: created and used on the user's event loop only; the connection it opens is bound to
 * that loop.
 */
public final class HttpStreamClient {

  /** A plain request/response result (session set-up). */
  public record Response(int status, Buffer body) {}

  private final HttpClientAgent agent;
  private final Endpoint endpoint;
  private final boolean reuse;
  private final long connectTimeoutMs;
  private final ConnectListener connectListener;
  private HttpClientConnection connection;

  /**
   * One decoder for all of this user's messages (reset per message, its buffers kept), fed only by
   * the exchange whose response is streaming now.
   */
  private final SseDecoder decoder = new SseDecoder(this::onEvent);

  private SseExchange decoding;

  /**
   * The exchange whose message is over but whose response may still be ending, and when to cut it.
   * One deadline per user rather than a timer per message (see {@link Deadline}).
   */
  private SseExchange releasing;

  private Deadline releaseGrace;
  private final Runnable cutReleasing =
      () -> {
        if (releasing != null) {
          releasing.cancel();
        }
      };

  /** Told how long each new connection took to open. */
  public interface ConnectListener {
    void connected(long nanos);
  }

  public HttpStreamClient(
      HttpClientAgent agent,
      Endpoint endpoint,
      boolean reuse,
      long connectTimeoutMs,
      ConnectListener connectListener) {
    this.agent = agent;
    this.endpoint = endpoint;
    this.reuse = reuse;
    this.connectTimeoutMs = connectTimeoutMs;
    this.connectListener = connectListener;
  }

  /**
   * Sends one message and streams its answer through {@code interpreter} to {@code listener}.
   * Returns a handle to cut the exchange (timeouts, the run's end).
   */
  public Exchange stream(
      HttpMethod method,
      String path,
      MultiMap headers,
      Buffer body,
      StreamInterpreter interpreter,
      ExchangeListener listener) {
    SseExchange exchange = new SseExchange(interpreter, listener);
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setURI(endpoint.basePath() + path)
            .setHeaders(headers);
    request(options, true)
        .onSuccess(req -> exchange.start(req, body))
        .onFailure(exchange::failToConnect);
    return exchange;
  }

  /** A plain call (session set-up): the whole body, on this user's connection. */
  public Future<Response> call(HttpMethod method, String path, MultiMap headers, Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setURI(endpoint.basePath() + path)
            .setHeaders(headers);
    return request(options, true)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), b)))
        .andThen(ar -> releaseIfNotReused());
  }

  private void onEvent(SseEvent event) {
    SseExchange e = decoding;
    if (e != null) {
      e.interpreter.onSseEvent(event, e.listener);
    }
  }

  /** Closes the user's connection. */
  public Future<Void> close() {
    HttpClientConnection c = connection;
    connection = null;
    // No grace left for a response still ending: the user is leaving.
    cutReleasing.run();
    if (releaseGrace != null) {
      releaseGrace.close();
    }
    return c == null ? Future.succeededFuture() : c.close();
  }

  private Future<HttpClientRequest> request(RequestOptions options, boolean retryStale) {
    boolean reused = connection != null;
    return connection()
        .compose(c -> c.request(options))
        .recover(
            err -> {
              // A kept-alive connection the server closed while idle fails the next request at
              // once; an HTTP client pool would silently use a new one, and so do we, once.
              if (reused && retryStale) {
                dropConnection();
                return request(options, false);
              }
              return Future.failedFuture(err);
            });
  }

  private Future<HttpClientConnection> connection() {
    if (connection != null) {
      return Future.succeededFuture(connection);
    }
    long startNs = System.nanoTime();
    HttpConnectOptions opts =
        new HttpConnectOptions()
            .setHost(endpoint.host())
            .setPort(endpoint.port())
            .setSsl(endpoint.ssl())
            .setConnectTimeout(connectTimeoutMs);
    return agent
        .connect(opts)
        .map(
            c -> {
              connectListener.connected(System.nanoTime() - startNs);
              connection = c;
              c.closeHandler(
                  v -> {
                    if (connection == c) {
                      connection = null;
                    }
                  });
              return c;
            })
        .recover(err -> Future.failedFuture(new ConnectFailure(err)));
  }

  private void dropConnection() {
    HttpClientConnection c = connection;
    connection = null;
    if (c != null) {
      c.close();
    }
  }

  private void releaseIfNotReused() {
    if (!reuse) {
      dropConnection();
    }
  }

  /** Marks failures to open a connection, which are the {@code connect} error class. */
  static final class ConnectFailure extends RuntimeException {
    ConnectFailure(Throwable cause) {
      super(
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(),
          cause);
    }
  }

  /** One message over SSE: request, status, bytes into the decoder, end or failure. */
  private final class SseExchange implements Exchange {
    private final StreamInterpreter interpreter;
    private final ExchangeListener listener;
    private final Promise<Void> finished = Promise.promise();
    private HttpClientRequest request;
    private boolean done;

    SseExchange(StreamInterpreter interpreter, ExchangeListener listener) {
      this.interpreter = interpreter;
      this.listener = listener;
    }

    void start(HttpClientRequest req, Buffer body) {
      if (done) {
        req.reset();
        return;
      }
      request = req;
      // Failures reach us through response(); without a handler Vert.x would also log each reset.
      req.exceptionHandler(err -> {});
      req.response().onSuccess(this::onResponse).onFailure(this::onTransportFailure);
      (body == null ? req.end() : req.end(body)).onFailure(this::onTransportFailure);
    }

    private void onResponse(HttpClientResponse resp) {
      long now = System.nanoTime();
      int status = resp.statusCode();
      if (done) {
        return;
      }
      listener.onHead(status, resp.getHeader("Retry-After"), now);
      ErrorClass error = ErrorClass.forStatus(status);
      if (error != null || status >= 300) {
        resp.body()
            .onComplete(
                ar -> {
                  String detail = ar.succeeded() ? excerpt(ar.result()) : "";
                  fail(
                      error == null ? ErrorClass.HTTP_4XX : error,
                      "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail),
                      System.nanoTime());
                });
        return;
      }
      decoding = this;
      decoder.reset();
      resp.handler(
          buf -> {
            long arrivalNs = System.nanoTime();
            if (done || decoding != this) {
              return;
            }
            listener.onArrival(arrivalNs);
            decoder.feed(((BufferInternal) buf).getByteBuf());
          });
      resp.exceptionHandler(this::onTransportFailure);
      resp.endHandler(
          v -> {
            long now2 = System.nanoTime();
            if (done || decoding != this) {
              finish();
              return;
            }
            decoder.end();
            done = true;
            listener.onEnd(now2);
            finish();
          });
    }

    private void onTransportFailure(Throwable err) {
      long now = System.nanoTime();
      if (done) {
        return;
      }
      dropConnection();
      fail(ErrorClass.STREAM_BROKEN, describe(err), now);
    }

    void failToConnect(Throwable err) {
      long now = System.nanoTime();
      if (done) {
        return;
      }
      boolean connect = err instanceof ConnectFailure;
      fail(connect ? ErrorClass.CONNECT : ErrorClass.STREAM_BROKEN, describe(err), now);
    }

    private void fail(ErrorClass error, String message, long now) {
      if (done) {
        return;
      }
      done = true;
      listener.onFailure(error, message, now);
      finish();
    }

    private void finish() {
      stopDecoding();
      releaseIfNotReused();
      complete();
    }

    private void complete() {
      if (releasing == this) {
        releasing = null;
        releaseGrace.clear();
      }
      finished.tryComplete();
    }

    /**
     * Lets go of this exchange once it is over: the decoder would otherwise keep the whole message
     * (attempt, request, response) reachable until the user's next message, twice a message's life,
     * which young collections then copy again and again.
     */
    private void stopDecoding() {
      if (decoding == this) {
        decoding = null;
      }
    }

    @Override
    public String lastEventId() {
      return decoding == this ? decoder.lastEventId() : "";
    }

    @Override
    public long retryMillis() {
      return decoding == this ? decoder.retryMillis() : -1;
    }

    @Override
    public void cancel() {
      if (done && finished.future().isComplete()) {
        return;
      }
      done = true;
      stopDecoding();
      if (request != null) {
        // Resetting an HTTP/1.1 request closes its connection: the next message opens a new one.
        request.reset();
      }
      dropConnection();
      complete();
    }

    @Override
    public void release() {
      // The message is over for the user, but its response may still be ending: wait for it
      // briefly, then cut it so that the connection is free for the next message.
      if (!finished.future().isComplete()) {
        done = true;
        // A timer of this event loop, not Future.timeout: a promise made without a context times
        // out on Netty's global executor, a thread of its own that every message would wake twice
        // (schedule, then cancel): about 1,600 futex calls a second on that thread at 1,000
        // streams.
        Context loop = Vertx.currentContext();
        if (loop == null) {
          cancel();
          return;
        }
        // This message ended while an earlier one's response may still be ending: that one has
        // had a whole message of grace.
        cutReleasing.run();
        if (releaseGrace == null) {
          releaseGrace = new Deadline(loop.owner());
        }
        releasing = this;
        releaseGrace.set(System.nanoTime() + RELEASE_GRACE_NS, cutReleasing);
      }
    }
  }

  private static final long RELEASE_GRACE_NS = 2_000_000_000L;

  static String describe(Throwable err) {
    Throwable t = err instanceof ConnectFailure && err.getCause() != null ? err.getCause() : err;
    String msg = t.getMessage();
    return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  static String excerpt(Buffer body) {
    String s = body.toString().strip().replaceAll("\\s+", " ");
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
