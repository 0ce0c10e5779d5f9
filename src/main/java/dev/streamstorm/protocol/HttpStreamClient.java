package dev.streamstorm.protocol;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.protocol.sse.SseListener;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.protocol.stream.StreamInterpreter.EventClass;
import dev.streamstorm.scenario.Sizes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.NetClient;
import java.util.function.Function;

/**
 * One virtual user's HTTP side: its keep-alive connection, reused from message to message as SDKs
 * do (or a new one per message when asked), SSE message exchanges and plain calls. Thread
 * confinement: created and used on the user's event loop only; the connection it opens is bound to
 * that loop.
 */
public final class HttpStreamClient implements HttpMessageClient {

  /**
   * A plain request/response result (session set-up).
   *
   * @param headers the response headers, looked up case-insensitively
   */
  public record Response(int status, Buffer body, HttpHeaders headers) {

    /** A header's value, or null. */
    public String header(String name) {
      return headers.get(name);
    }
  }

  /** How much of an error response's body is kept for its message: the excerpt needs far less. */
  private static final int ERROR_BODY_LIMIT = 4096;

  private final NetClient client;
  private final Endpoint endpoint;
  private final String authority;
  private final boolean reuse;
  private final int connectTimeoutMs;
  private final int maxBodyBytes;
  private final ConnectListener connectListener;
  private Http1Connection connection;

  /**
   * One decoder for all of this user's messages (reset per message, its buffers kept), fed only by
   * the exchange whose response is streaming now.
   */
  private final SseDecoder decoder =
      new SseDecoder(
          new SseListener() {
            @Override
            public void onEvent(SseEvent event) {
              HttpStreamClient.this.onEvent(event);
            }

            @Override
            public void onComment(byte[] bytes, int offset, int length) {
              SseExchange e = decoding;
              if (e != null && e.trace != null) {
                e.trace.comment(bytes, offset, length, e.arrivalNs);
              }
            }

            @Override
            public void onTooLarge(int limitBytes) {
              SseExchange e = decoding;
              if (e != null) {
                e.failAndCut(
                    ErrorClass.TOO_LARGE,
                    "an event grew past stream.maxEventBytes ("
                        + Sizes.describe(limitBytes)
                        + ") without ending",
                    e.arrivalNs);
              }
            }
          });

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

    /**
     * A request went out while the previous message's response was still ending (its message was
     * over: a done marker, then more bytes): it took another connection, as an SDK's pool would,
     * rather than wait behind that response.
     */
    default void overlapped() {}
  }

  public HttpStreamClient(
      NetClient client,
      Endpoint endpoint,
      boolean reuse,
      long connectTimeoutMs,
      int maxBodyBytes,
      ConnectListener connectListener) {
    this.client = client;
    this.endpoint = endpoint;
    this.authority = Http1Connection.authority(endpoint);
    this.reuse = reuse;
    this.connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, connectTimeoutMs);
    this.maxBodyBytes = maxBodyBytes;
    this.connectListener = connectListener;
  }

  /**
   * Sends one message and streams its answer through {@code interpreter} to {@code listener}.
   * Returns a handle to cut the exchange (timeouts, the run's end).
   */
  @Override
  public Exchange stream(
      HttpMethod method,
      String path,
      MultiMap headers,
      Buffer body,
      StreamInterpreter interpreter,
      ExchangeListener listener) {
    SseExchange exchange = new SseExchange(interpreter, listener);
    HttpRequest request = request(method, path, headers, body);
    send(c -> exchange.sendOn(c, request), true).onFailure(exchange::failToConnect);
    return exchange;
  }

  /**
   * A plain call (session set-up): the whole body, on this user's connection. A body longer than
   * the client's limit fails the call with {@link BodyTooLarge} and closes the connection.
   */
  @Override
  public Future<Response> call(HttpMethod method, String path, MultiMap headers, Buffer body) {
    WholeResponse response = new WholeResponse(maxBodyBytes);
    HttpRequest request = request(method, path, headers, body);
    send(
            c -> {
              response.connection = c;
              return c.send(request, response);
            },
            true)
        .onFailure(response.result::tryFail);
    return response
        .result
        .future()
        .andThen(
            ar -> {
              if (ar.failed() && ar.cause() instanceof BodyTooLarge) {
                dropConnection(response.connection);
              }
              releaseIfNotReused();
            });
  }

  private HttpRequest request(HttpMethod method, String path, MultiMap headers, Buffer body) {
    return Http1Connection.request(method, endpoint.basePath() + path, headers, body, authority);
  }

  private void onEvent(SseEvent event) {
    SseExchange e = decoding;
    if (e != null) {
      EventClass cls = e.interpreter.onSseEvent(event, e.listener);
      if (e.trace != null) {
        e.trace.event(event, cls, e.arrivalNs);
      }
    }
  }

  /**
   * Completes once the previous message's response has ended: at once in the usual case, or as soon
   * as the end that followed its done marker arrives. A response still open after {@link
   * #TAIL_LIMIT_MS} keeps its connection (and the rest of its release grace) and the next request
   * takes another connection, {@link ConnectListener#overlapped counted}. The user waits for this
   * between messages, off every message's clock.
   */
  @Override
  public Future<Void> previousResponseEnded() {
    SseExchange ending = releasing;
    Context loop = Vertx.currentContext();
    if (ending == null || loop == null) {
      return Future.succeededFuture();
    }
    Promise<Void> ended = Promise.promise();
    long timer =
        loop.owner()
            .setTimer(
                TAIL_LIMIT_MS,
                t -> {
                  if (releasing == ending) {
                    moveOffEnding(ending);
                  }
                  ended.tryComplete();
                });
    ending
        .finished
        .future()
        .onComplete(
            ar -> {
              loop.owner().cancelTimer(timer);
              ended.tryComplete();
            });
    return ended.future();
  }

  /** How long {@link #previousResponseEnded} waits for a response's end after its done marker. */
  static final long TAIL_LIMIT_MS = 100;

  /** Leaves the user's connection to a response still ending; the next request opens another. */
  private void moveOffEnding(SseExchange ending) {
    if (connection != null && connection == ending.sentOn) {
      connection = null;
      connectListener.overlapped();
    }
  }

  /** Closes the user's connection. */
  @Override
  public Future<Void> close() {
    Http1Connection c = connection;
    connection = null;
    // No grace left for a response still ending: the user is leaving.
    cutReleasing.run();
    if (releaseGrace != null) {
      releaseGrace.close();
    }
    return c == null ? Future.succeededFuture() : c.close();
  }

  /**
   * Sends through {@code sendOn} on the user's connection, opening one if needed. A kept-alive
   * connection the server closed while idle fails the next request before it is sent; an HTTP
   * client pool would silently use a new one, and so do we, once.
   */
  private Future<Void> send(Function<Http1Connection, Future<Void>> sendOn, boolean retryStale) {
    if (releasing != null) {
      // Waiting behind a response that keeps going after its message was over would charge that
      // wait (up to the release grace) to this request.
      moveOffEnding(releasing);
    }
    boolean reused = connection != null;
    return connection()
        .compose(sendOn)
        .recover(
            err -> {
              if (reused && retryStale) {
                dropConnection(connection);
                return send(sendOn, false);
              }
              return Future.failedFuture(err);
            });
  }

  private Future<Http1Connection> connection() {
    if (connection != null) {
      return Future.succeededFuture(connection);
    }
    long startNs = System.nanoTime();
    return Http1Connection.open(client, endpoint, connectTimeoutMs)
        .map(
            c -> {
              connectListener.connected(System.nanoTime() - startNs);
              connection = c;
              c.onClose(
                  () -> {
                    if (connection == c) {
                      connection = null;
                    }
                  });
              return c;
            })
        .recover(err -> Future.failedFuture(new ConnectFailure(err)));
  }

  private void dropConnection(Http1Connection c) {
    if (c != null) {
      if (connection == c) {
        connection = null;
      }
      c.close();
    }
  }

  private void releaseIfNotReused() {
    if (!reuse) {
      dropConnection(connection);
    }
  }

  /** Marks failures to open a connection, which are the {@code connect} error class. */
  public static final class ConnectFailure extends RuntimeException {
    ConnectFailure(Throwable cause) {
      // The whole chain: a TLS failure's reason (unknown CA, name mismatch) is in its causes.
      super(Causes.describe(cause), cause);
    }
  }

  /** A plain call's response body went past the client's limit. */
  public static final class BodyTooLarge extends RuntimeException {
    BodyTooLarge(int limitBytes) {
      super(
          "the response body grew past connection.maxBodyBytes ("
              + Sizes.describe(limitBytes)
              + ")");
    }
  }

  /** A plain call's response, whole, up to a limit. */
  private static final class WholeResponse implements Http1Connection.ResponseReader {
    final Promise<Response> result = Promise.promise();
    private final Buffer body = Buffer.buffer();
    private final int limitBytes;
    private int status;
    private HttpHeaders headers = EmptyHttpHeaders.INSTANCE;
    Http1Connection connection;

    WholeResponse(int limitBytes) {
      this.limitBytes = limitBytes;
    }

    /** The body's Content-Encoding being undone, or null when it has none. */
    private ContentDecoding inflater;

    @Override
    public void onHead(HttpResponse head, long nowNs) {
      status = head.status().code();
      headers = head.headers();
      try {
        inflater = ContentDecoding.forEncoding(headers.get(HttpHeaderNames.CONTENT_ENCODING));
      } catch (UnsupportedOperationException e) {
        result.tryFail(new IllegalStateException(e.getMessage()));
      }
    }

    /** A compressed body is inflated as it arrives; the limit bounds what it inflates to. */
    @Override
    public void onContent(ByteBuf content, long nowNs) {
      if (result.future().isComplete()) {
        return;
      }
      if (inflater == null) {
        accept(content);
        return;
      }
      try {
        inflater.decode(content, this::accept);
      } catch (ContentDecoding.Corrupt e) {
        result.tryFail(e);
      }
      if (result.future().isComplete()) {
        inflater.close();
      }
    }

    private void accept(ByteBuf content) {
      if (result.future().isComplete()) {
        return;
      }
      if ((long) body.length() + content.readableBytes() > limitBytes) {
        result.tryFail(new BodyTooLarge(limitBytes));
        return;
      }
      append(body, content, limitBytes);
    }

    @Override
    public void onEnd(long nowNs) {
      if (inflater != null) {
        inflater.close();
      }
      result.tryComplete(new Response(status, body, headers));
    }

    @Override
    public void onFailure(Throwable err, long nowNs) {
      if (inflater != null) {
        inflater.close();
      }
      result.tryFail(tlsRefused(err, status != 0) ? new ConnectFailure(err) : err);
    }
  }

  /** One message over SSE: request, status, bytes into the decoder, end or failure. */
  private final class SseExchange implements Exchange, Http1Connection.ResponseReader {
    private final StreamInterpreter interpreter;
    private final ExchangeListener listener;
    private final StreamTrace trace;
    private final Promise<Void> finished = Promise.promise();

    /** When the bytes being decoded arrived. */
    private long arrivalNs;

    private Http1Connection sentOn;
    private boolean done;
    private boolean responded;

    /** An error response's status and the start of its body, for the failure's message. */
    private int errorStatus;

    /** Why a successful response is not an event stream, or null when it is one. */
    private String notEventStream;

    private Buffer errorBody;

    /** The body's Content-Encoding being undone, or null when it has none. */
    private ContentDecoding inflater;

    SseExchange(StreamInterpreter interpreter, ExchangeListener listener) {
      this.interpreter = interpreter;
      this.listener = listener;
      this.trace = listener.trace();
    }

    Future<Void> sendOn(Http1Connection c, HttpRequest request) {
      if (done) {
        // Cut while its connection was opening: the connection stays for the next message.
        return Future.succeededFuture();
      }
      sentOn = c;
      return c.send(request, this);
    }

    @Override
    public void onHead(HttpResponse head, long nowNs) {
      if (done) {
        return;
      }
      responded = true;
      int status = head.status().code();
      listener.onHead(status, head.headers().get("Retry-After"), nowNs);
      if (interpreter.readsHeaders()) {
        interpreter.onHeaders(head.headers()::get, listener);
      }
      String unsupported = null;
      try {
        inflater =
            ContentDecoding.forEncoding(head.headers().get(HttpHeaderNames.CONTENT_ENCODING));
      } catch (UnsupportedOperationException e) {
        unsupported = e.getMessage();
      }
      if (ErrorClass.forStatus(status) != null) {
        errorStatus = status;
        errorBody = Buffer.buffer();
        return;
      }
      if (unsupported != null) {
        failAndCut(ErrorClass.PROTOCOL, unsupported, nowNs);
        return;
      }
      String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
      if (interpreter.requiresEventStream() && !isEventStream(type)) {
        // As an EventSource does: a body that is not an event stream is not read as one. Its start
        // is kept for the message, which fails when it ends (or has said enough).
        notEventStream = type == null ? "no Content-Type" : "Content-Type " + type;
        errorStatus = status;
        errorBody = Buffer.buffer();
        return;
      }
      decoding = this;
      decoder.reset(interpreter.maxEventBytes());
    }

    /**
     * Body bytes as they arrived; a compressed body is inflated here, its pieces stamped with the
     * instant its compressed bytes arrived.
     */
    @Override
    public void onContent(ByteBuf content, long nowNs) {
      if (done) {
        return;
      }
      if (inflater == null) {
        onBody(content, nowNs);
        return;
      }
      try {
        inflater.decode(content, b -> onBody(b, nowNs));
      } catch (ContentDecoding.Corrupt e) {
        if (!done) {
          failAndCut(ErrorClass.PROTOCOL, e.getMessage(), nowNs);
        }
      }
    }

    private void onBody(ByteBuf content, long nowNs) {
      if (done) {
        return;
      }
      if (errorBody != null) {
        append(errorBody, content, ERROR_BODY_LIMIT);
        if (notEventStream != null && errorBody.length() >= ERROR_BODY_LIMIT) {
          // An endless body that is not an event stream: enough of it has been seen.
          failNotEventStream(nowNs);
          dropConnection(sentOn);
        }
      } else if (decoding == this) {
        arrivalNs = nowNs;
        listener.onArrival(nowNs);
        decoder.feed(content);
      }
    }

    @Override
    public void onEnd(long nowNs) {
      if (done) {
        finish();
        return;
      }
      if (notEventStream != null) {
        failNotEventStream(nowNs);
        return;
      }
      if (errorBody != null) {
        ErrorClass error = ErrorClass.forStatus(errorStatus);
        String detail = excerpt(errorBody);
        fail(
            error == null ? ErrorClass.PROTOCOL : error,
            "HTTP " + errorStatus + (detail.isEmpty() ? "" : ": " + detail),
            nowNs);
        return;
      }
      decoder.end();
      done = true;
      listener.onEnd(nowNs);
      finish();
    }

    @Override
    public void onFailure(Throwable err, long nowNs) {
      if (done) {
        // A released message whose response broke while ending: it is over now.
        finish();
        return;
      }
      fail(
          tlsRefused(err, responded) ? ErrorClass.CONNECT : ErrorClass.STREAM_BROKEN,
          describe(err),
          nowNs);
    }

    private void failNotEventStream(long nowNs) {
      String detail = excerpt(errorBody);
      fail(
          ErrorClass.PROTOCOL,
          "not an event stream: HTTP "
              + errorStatus
              + " with "
              + notEventStream
              + (detail.isEmpty() ? "" : ": " + detail)
              + " (stream.requireEventStream: false reads it anyway)",
          nowNs);
    }

    void failToConnect(Throwable err) {
      long now = System.nanoTime();
      if (done) {
        return;
      }
      boolean connect = err instanceof ConnectFailure;
      fail(connect ? ErrorClass.CONNECT : ErrorClass.STREAM_BROKEN, describe(err), now);
    }

    /**
     * Fails the message and closes its connection: the response is still coming, and HTTP/1.1 stops
     * one only by closing.
     */
    void failAndCut(ErrorClass error, String message, long now) {
      fail(error, message, now);
      dropConnection(sentOn);
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
      if (sentOn != null && sentOn != connection) {
        settleDetached();
      } else {
        releaseIfNotReused();
      }
      complete();
    }

    /**
     * The response ended on a connection the user had moved off (a request went out while it was
     * ending): the connection is free again, and becomes the user's when the user has none.
     */
    private void settleDetached() {
      if (reuse && connection == null && !sentOn.isClosed()) {
        connection = sentOn;
      } else {
        sentOn.close();
      }
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
      if (inflater != null) {
        inflater.close();
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
      // HTTP/1.1 stops a response only by closing its connection: the next message opens a new one.
      dropConnection(sentOn);
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

  /** Whether a Content-Type is text/event-stream (parameters such as charset allowed). */
  static boolean isEventStream(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return media.equalsIgnoreCase("text/event-stream");
  }

  /** A failure and its causes, for the message's error text. */
  static String describe(Throwable err) {
    Throwable t = err instanceof ConnectFailure && err.getCause() != null ? err.getCause() : err;
    return Causes.describe(t);
  }

  /**
   * A failure before any response came that TLS caused (a server that requires a client certificate
   * refuses it after a TLS 1.3 handshake completed, at the first read): the connection was never
   * usable, so it is a connect failure.
   */
  static boolean tlsRefused(Throwable err, boolean responded) {
    return !responded && Causes.tls(err);
  }

  /** Copies {@code from}'s readable bytes to {@code to}, which grows to {@code limit} at most. */
  static void append(Buffer to, ByteBuf from, int limit) {
    int n = Math.min(limit - to.length(), from.readableBytes());
    if (n > 0) {
      to.appendBytes(ByteBufUtil.getBytes(from, from.readerIndex(), n));
    }
  }

  static String excerpt(Buffer body) {
    String s = body.toString().strip().replaceAll("\\s+", " ");
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
