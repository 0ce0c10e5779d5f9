package dev.streamstorm.protocol;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.sse.ChunkCopy;
import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.protocol.sse.SseListener;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.protocol.stream.StreamInterpreter.EventClass;
import dev.streamstorm.scenario.Sizes;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One virtual user's HTTP side over HTTP/2: each message and each session call is a stream on one
 * of its event loop's shared connections ({@link H2Connections}), or on a connection of its own per
 * message without {@code connection.reuse}. The same contract as {@link HttpStreamClient}: the same
 * SSE decoder (one per stream) and interpreter, the same limits (stream.maxEventBytes, error bodies
 * cut at 4 KiB, connection.maxBodyBytes for calls, Content-Encoding decoded as it arrives), the
 * same error classes, every instant taken in the handler that sees the bytes. What HTTP/2 changes:
 * a message is stopped by resetting its stream (RST_STREAM CANCEL), not by closing a connection
 * others use; a response still open after its done marker stands in no one's way (the next message
 * is another stream), so {@link #previousResponseEnded} never waits; a stream the server refused
 * unprocessed (REFUSED_STREAM, or above a GOAWAY's last stream) is sent once more on another
 * connection. Thread confinement: created and used on the user's event loop only.
 */
public final class H2StreamClient implements HttpMessageClient {

  /** How much of an error response's body is kept for its message: the excerpt needs far less. */
  private static final int ERROR_BODY_LIMIT = 4096;

  /** A response's end after its done marker is waited for this long, then its stream is reset. */
  private static final long RELEASE_GRACE_NS = 2_000_000_000L;

  /** Connection-specific headers HTTP/2 forbids (RFC 9113, 8.2.2); Host becomes :authority. */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length");

  private final H2UserStreams streams;
  private final Endpoint endpoint;
  private final int maxBodyBytes;

  /** The event loop's array for chunks that arrive in direct buffers, shared by its users. */
  private final ChunkCopy chunkCopy;

  /** A decoder kept for the next stream: most messages end before the next begins. */
  private Decoding spareDecoding;

  /** The exchange whose message is over but whose response may still be ending. */
  private H2Exchange releasing;

  private Deadline releaseGrace;

  public H2StreamClient(
      H2Connections connections,
      Endpoint endpoint,
      boolean reuse,
      int maxBodyBytes,
      ChunkCopy chunkCopy) {
    this.streams = new H2UserStreams(connections, reuse);
    this.chunkCopy = chunkCopy;
    this.endpoint = endpoint;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Exchange stream(
      HttpMethod method,
      String path,
      MultiMap headers,
      Buffer body,
      StreamInterpreter interpreter,
      ExchangeListener listener) {
    H2Exchange exchange =
        new H2Exchange(request(method, path, headers), body, interpreter, listener);
    exchange.start();
    return exchange;
  }

  @Override
  public Future<HttpStreamClient.Response> call(
      HttpMethod method, String path, MultiMap headers, Buffer body) {
    H2WholeResponse r =
        new H2WholeResponse(streams, request(method, path, headers), body, maxBodyBytes);
    r.start();
    return r.result.future();
  }

  /** Never waits: a response still ending is a stream of its own, in no message's way. */
  @Override
  public Future<Void> previousResponseEnded() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    if (releasing != null) {
      releasing.cancel();
    }
    if (releaseGrace != null) {
      releaseGrace.close();
    }
    return Future.succeededFuture();
  }

  private RequestOptions request(HttpMethod method, String path, MultiMap headers) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, String> e : headers) {
      if (!HOP_BY_HOP.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        h.add(e.getKey(), e.getValue());
      }
    }
    return new RequestOptions()
        .setMethod(method)
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setURI(endpoint.basePath() + path)
        .setHeaders(h);
  }

  /** An SSE decoder and the exchange it is decoding for now. */
  private final class Decoding implements SseListener {
    final SseDecoder decoder = new SseDecoder(this, Integer.MAX_VALUE, chunkCopy);
    H2Exchange owner;

    @Override
    public void onEvent(SseEvent event) {
      H2Exchange e = owner;
      if (e != null && e.state == State.STREAMING) {
        EventClass cls = e.interpreter.onSseEvent(event, e.arrivalNs, e.listener);
        if (e.trace != null) {
          e.trace.event(event, cls, e.arrivalNs);
        }
      }
    }

    @Override
    public void onComment(byte[] bytes, int offset, int length) {
      H2Exchange e = owner;
      if (e != null && e.trace != null) {
        e.trace.comment(bytes, offset, length, e.arrivalNs);
      }
    }

    @Override
    public void onTooLarge(int limitBytes) {
      H2Exchange e = owner;
      if (e != null) {
        e.failAndReset(
            ErrorClass.TOO_LARGE,
            "an event grew past stream.maxEventBytes ("
                + Sizes.describe(limitBytes)
                + ") without ending",
            e.arrivalNs);
      }
    }
  }

  private Decoding takeDecoding(H2Exchange owner) {
    Decoding d = spareDecoding != null ? spareDecoding : new Decoding();
    spareDecoding = null;
    d.owner = owner;
    return d;
  }

  private void giveBack(Decoding d) {
    d.owner = null;
    if (spareDecoding == null) {
      spareDecoding = d;
    }
  }

  /**
   * Where a message's stream is: the same lifecycle as {@link SseExchange}'s over HTTP/1.1, without
   * its connection handling (a stream ends or is reset; the connection carries on).
   */
  enum State {
    /** The request is being sent (a connection taken, a stream opened). */
    CONNECTING,
    /** A 2xx event stream: bytes go to the decoder. */
    STREAMING,
    /** An error status, or a body that is no event stream: its start is kept for the message. */
    ERROR_BODY,
    /**
     * The message is over for the listener; the stream may still be ending (a grace, then reset).
     */
    RELEASED,
    /** Over: the listener has heard its end, the decoder is back, the stream ended or was reset. */
    CLOSED
  }

  private static final Map<State, Set<State>> NEXT = new EnumMap<>(State.class);

  static {
    NEXT.put(State.CONNECTING, EnumSet.of(State.STREAMING, State.ERROR_BODY, State.CLOSED));
    NEXT.put(State.STREAMING, EnumSet.of(State.RELEASED, State.CLOSED));
    NEXT.put(State.ERROR_BODY, EnumSet.of(State.CLOSED));
    NEXT.put(State.RELEASED, EnumSet.of(State.CLOSED));
    NEXT.put(State.CLOSED, EnumSet.noneOf(State.class));
  }

  /** One message over SSE on a stream: request, status, bytes into its decoder, end or failure. */
  private final class H2Exchange extends H2StreamCall implements Exchange {
    final StreamInterpreter interpreter;
    final ExchangeListener listener;
    final StreamTrace trace;
    private final Promise<Void> finished = Promise.promise();

    /** When the bytes being decoded arrived. */
    long arrivalNs;

    /** The one state; changed only through {@link #to}. */
    State state = State.CONNECTING;

    private Decoding decoding;
    private ContentDecoding inflater;
    private int errorStatus;
    private String notEventStream;
    private Buffer errorBody;

    H2Exchange(
        RequestOptions options,
        Buffer body,
        StreamInterpreter interpreter,
        ExchangeListener listener) {
      super(streams, options, body);
      this.interpreter = interpreter;
      this.listener = listener;
      this.trace = listener.trace();
    }

    @Override
    boolean over() {
      return state == State.RELEASED || state == State.CLOSED;
    }

    private void to(State next) {
      if (!NEXT.get(state).contains(next)) {
        throw new IllegalStateException("HTTP/2 exchange: " + state + " -> " + next);
      }
      state = next;
    }

    @Override
    void onResponse(HttpClientResponse resp, long nowNs) {
      if (over()) {
        reset();
        return;
      }
      int status = resp.statusCode();
      listener.onHead(status, resp.getHeader("Retry-After"), nowNs);
      if (resp.version() != HttpVersion.HTTP_2) {
        // ALPN fell back (a server that offered no protocol): the numbers would be HTTP/1.1's.
        fail(
            ErrorClass.PROTOCOL,
            "the server answered in "
                + resp.version()
                + ", not HTTP/2 (connection.protocol: h2 needs a server that agrees to h2 by"
                + " ALPN)",
            nowNs);
        reset();
        slot.connection().close();
        return;
      }
      resp.handler(this::onData);
      resp.endHandler(v -> onEnd(System.nanoTime()));
      resp.exceptionHandler(this::failed);
      if (interpreter.readsHeaders()) {
        interpreter.onHeaders(resp.headers()::get, listener);
      }
      String unsupported = null;
      try {
        inflater = ContentDecoding.forEncoding(resp.getHeader("Content-Encoding"));
      } catch (UnsupportedOperationException e) {
        unsupported = e.getMessage();
      }
      if (ErrorClass.forStatus(status) != null) {
        errorStatus = status;
        errorBody = Buffer.buffer();
        to(State.ERROR_BODY);
        return;
      }
      if (unsupported != null) {
        failAndReset(ErrorClass.PROTOCOL, unsupported, nowNs);
        return;
      }
      String type = resp.getHeader("Content-Type");
      if (interpreter.requiresEventStream() && !HttpStreamClient.isEventStream(type)) {
        notEventStream = type == null ? "no Content-Type" : "Content-Type " + type;
        errorStatus = status;
        errorBody = Buffer.buffer();
        to(State.ERROR_BODY);
        return;
      }
      to(State.STREAMING);
      decoding = takeDecoding(this);
      decoding.decoder.reset(interpreter.maxEventBytes(), decoding);
    }

    private void onData(Buffer data) {
      long nowNs = System.nanoTime();
      if (over()) {
        return;
      }
      ByteBuf bytes = ((BufferInternal) data).getByteBuf();
      if (inflater == null) {
        onBody(bytes, nowNs);
        return;
      }
      try {
        inflater.decode(bytes, b -> onBody(b, nowNs));
      } catch (ContentDecoding.Corrupt e) {
        failAndReset(ErrorClass.PROTOCOL, e.getMessage(), nowNs);
      }
    }

    private void onBody(ByteBuf content, long nowNs) {
      switch (state) {
        case STREAMING -> {
          arrivalNs = nowNs;
          decoding.decoder.feed(content);
        }
        case ERROR_BODY -> {
          HttpStreamClient.append(errorBody, content, ERROR_BODY_LIMIT);
          if (notEventStream != null && errorBody.length() >= ERROR_BODY_LIMIT) {
            // An endless body that is not an event stream: enough of it has been seen.
            failNotEventStream(nowNs);
            reset();
          }
        }
        default -> {
          // Released or closed: the rest of the body is not read.
        }
      }
    }

    private void onEnd(long nowNs) {
      streamOver();
      switch (state) {
        case STREAMING -> {
          decoding.decoder.end();
          listener.onEnd(nowNs);
          close();
        }
        case ERROR_BODY -> {
          if (notEventStream != null) {
            failNotEventStream(nowNs);
            return;
          }
          ErrorClass error = ErrorClass.forStatus(errorStatus);
          String detail = HttpStreamClient.excerpt(errorBody);
          fail(
              error == null ? ErrorClass.PROTOCOL : error,
              "HTTP " + errorStatus + (detail.isEmpty() ? "" : ": " + detail),
              nowNs);
        }
        case RELEASED -> close();
        default -> {
          // Closed already (cut, or failed); an end before any response is not delivered.
        }
      }
    }

    /** Over without a word to the listener (it has had its end, or its release). */
    private void close() {
      if (state != State.CLOSED) {
        to(State.CLOSED);
      }
      finish();
    }

    @Override
    void onFailure(Throwable err, boolean connecting, long nowNs) {
      if (state == State.RELEASED) {
        // A released message whose stream broke while ending: it is over now.
        close();
        return;
      }
      boolean connect =
          connecting
              || err instanceof HttpStreamClient.ConnectFailure
              || HttpStreamClient.tlsRefused(err, responded);
      fail(connect ? ErrorClass.CONNECT : ErrorClass.STREAM_BROKEN, describe(err), nowNs);
    }

    private void failNotEventStream(long nowNs) {
      String detail = HttpStreamClient.excerpt(errorBody);
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

    /** Fails the message and resets its stream: the response is still coming. */
    void failAndReset(ErrorClass error, String message, long nowNs) {
      fail(error, message, nowNs);
      reset();
    }

    private void fail(ErrorClass error, String message, long nowNs) {
      if (over()) {
        return;
      }
      to(State.CLOSED);
      listener.onFailure(error, message, nowNs);
      finish();
    }

    private void finish() {
      if (decoding != null) {
        giveBack(decoding);
        decoding = null;
      }
      if (inflater != null) {
        inflater.close();
      }
      if (releasing == this) {
        releasing = null;
        releaseGrace.clear();
      }
      finished.tryComplete();
    }

    @Override
    public String lastEventId() {
      return decoding != null ? decoding.decoder.lastEventId() : "";
    }

    @Override
    public long retryMillis() {
      return decoding != null ? decoding.decoder.retryMillis() : -1;
    }

    @Override
    public void cancel() {
      if (state == State.CLOSED) {
        return;
      }
      to(State.CLOSED);
      reset();
      finish();
    }

    @Override
    public void release() {
      if (state != State.STREAMING) {
        // Ended already (the end came with the done marker's bytes), or never streamed.
        return;
      }
      // The message is over; its stream may still be ending. It takes no one's connection, but it
      // holds a stream: after the grace it is reset.
      to(State.RELEASED);
      if (decoding != null) {
        giveBack(decoding);
        decoding = null;
      }
      Context loop = Vertx.currentContext();
      if (loop == null) {
        cancel();
        return;
      }
      if (releasing != null) {
        releasing.cancel();
      }
      if (releaseGrace == null) {
        releaseGrace = new Deadline(loop.owner());
      }
      releasing = this;
      releaseGrace.set(
          System.nanoTime() + RELEASE_GRACE_NS,
          () -> {
            if (releasing != null) {
              releasing.cancel();
            }
          });
    }
  }
}
