package dev.streamstorm.protocol;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One message over SSE on a stream: request, status, bytes into its decoder, end or failure. An
 * explicit state machine as {@link SseExchange} is over HTTP/1.1: one {@link State} field, every
 * change of it through {@link #to}, which refuses a transition the table does not list.
 *
 * <pre>
 * CONNECTING ──2xx event stream──▶ STREAMING ──done marker──▶ RELEASED
 *    │   │ error status, or            │                          │
 *    │   │ not an event stream         │ end, failure, cancel     │ end, failure,
 *    │   ▼                             │                          │ grace over
 *    │  ERROR_BODY ──end, failure,─────┼──────────────────────────┤
 *    │               cancel            ▼                          │
 *    └──failure, cancel─────────────▶ CLOSED ◀────────────────────┘
 * </pre>
 *
 * <p>What it keeps of its user across messages (the connections, the spare decoder, the one
 * released exchange and its grace) is in {@link H2UserStreams}. Confined to the user's event loop.
 */
final class H2Exchange extends H2StreamCall implements Exchange {

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

  final StreamInterpreter interpreter;
  final ExchangeListener listener;
  final StreamTrace trace;

  /** Whether the trace has shown the request (it is shown once its stream opens). */
  private boolean requestTraced;

  private final Promise<Void> finished = Promise.promise();

  /** When the bytes being decoded arrived. */
  long arrivalNs;

  /** The one state; changed only through {@link #to}. */
  private State state = State.CONNECTING;

  private H2Decoding decoding;
  private ContentDecoding inflater;

  /** Why the response fails and the start of its body (ERROR_BODY); null while it streams. */
  private ErrorBody errorBody;

  H2Exchange(
      H2UserStreams streams,
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

  State state() {
    return state;
  }

  private void to(State next) {
    if (!NEXT.get(state).contains(next)) {
      throw new IllegalStateException("HTTP/2 exchange: " + state + " -> " + next);
    }
    state = next;
  }

  @Override
  void sending(RequestOptions options) {
    if (trace != null) {
      requestTraced = true;
      // As over HTTP/1.1: the method and the path with its query, the target's prefix included.
      trace.request(options.getMethod().name(), options.getURI());
    }
  }

  @Override
  void onResponse(HttpClientResponse resp, long nowNs) {
    if (over()) {
      reset();
      return;
    }
    int status = resp.statusCode();
    String type = resp.getHeader("Content-Type");
    listener.onHead(status, resp.getHeader("Retry-After"), nowNs);
    if (trace != null) {
      trace.head(status, type, nowNs);
    }
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
    errorBody = ErrorBody.forHead(status, type, unsupported, interpreter.requiresEventStream());
    if (errorBody == null) {
      to(State.STREAMING);
      decoding = streams.takeDecoding(this);
      decoding.decoder.reset(interpreter.maxEventBytes(), decoding);
    } else if (errorBody.enough()) {
      // The head alone fails it (an encoding not decoded): the rest of the stream is not read.
      failAndReset(errorBody.errorClass(), errorBody.message(), nowNs);
    } else {
      // Its start is kept for the message, which fails when it ends (or has said enough).
      to(State.ERROR_BODY);
    }
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
        if (errorBody.append(content)) {
          // A body that is not an event stream and may never end: enough of it has been seen.
          failAndReset(errorBody.errorClass(), errorBody.message(), nowNs);
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
      case ERROR_BODY -> fail(errorBody.errorClass(), errorBody.message(), nowNs);
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
    if (connecting && trace != null && !requestTraced) {
      // No stream was opened for it, but the trace still says which request failed to connect,
      // as over HTTP/1.1.
      sending(options());
    }
    boolean connect =
        connecting
            || err instanceof ClientFailures.ConnectFailure
            || ClientFailures.tlsRefused(err, responded);
    fail(connect ? ErrorClass.CONNECT : ErrorClass.STREAM_BROKEN, describe(err), nowNs);
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
      streams.giveBack(decoding);
      decoding = null;
    }
    if (inflater != null) {
      inflater.close();
    }
    streams.finished(this);
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
      streams.giveBack(decoding);
      decoding = null;
    }
    if (!streams.holdReleased(this)) {
      cancel();
    }
  }
}
