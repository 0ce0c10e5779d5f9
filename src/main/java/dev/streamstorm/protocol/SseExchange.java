package dev.streamstorm.protocol;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.protocol.sse.SseListener;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.protocol.stream.StreamInterpreter.EventClass;
import dev.streamstorm.scenario.Sizes;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One message over SSE on HTTP/1.1, as an explicit state machine (Gatling's SSE client and Netty's
 * codecs are the models): one {@link State} field, every change of it through {@link #to}, which
 * refuses a transition the table does not list.
 *
 * <pre>
 * CONNECTING ──sent──▶ AWAITING_HEAD ──2xx event stream──▶ STREAMING ──done marker──▶ RELEASED
 *      │                     │ error status, or                 │                          │
 *      │                     │ not an event stream              │ end, failure, cut        │ end, failure,
 *      │                     ▼                                  │                          │ grace over
 *      │                ERROR_BODY ──end, failure, cut──────────┼──────────────────────────┤
 *      └──connect failure, cut─────────────────────────────────▶ CLOSED ◀────────────────────┘
 * </pre>
 *
 * <p>The listener hears about the message until it is over ({@link #isOver}: released or closed);
 * the response is over at {@link State#CLOSED}, which completes {@link #closed()}.
 *
 * <p>Ordering rules: the user's decoder is lent to this exchange when its head says it streams and
 * given back when the exchange closes, so {@link #lastEventId()} and {@link #retryMillis()} hold
 * through the listener's {@code onEnd} and {@code onFailure} calls (a reconnection reads them
 * there) and are empty after. Bytes that arrive after the done marker (released) are not decoded. A
 * failure that cuts the connection first moves the user off it, then tells the listener (which may
 * send the user's next message at once), then closes it.
 *
 * <p>Confined to the user's event loop.
 */
final class SseExchange implements Exchange, Http1Connection.ResponseReader, SseListener {

  /** Where the exchange stands. */
  enum State {
    /** Waiting for the user's connection (opening, or the one in use). */
    CONNECTING,
    /** The request is sent; no head yet. */
    AWAITING_HEAD,
    /** A successful event stream: its bytes go through the decoder. */
    STREAMING,
    /**
     * An error status, or a body that is not an event stream: its start is kept for the message.
     */
    ERROR_BODY,
    /** The message is over (its done marker); the response may still be ending. */
    RELEASED,
    /** The response is over or cut; nothing more happens. */
    CLOSED
  }

  private static final Map<State, Set<State>> NEXT = new EnumMap<>(State.class);

  static {
    NEXT.put(State.CONNECTING, EnumSet.of(State.AWAITING_HEAD, State.CLOSED));
    NEXT.put(State.AWAITING_HEAD, EnumSet.of(State.STREAMING, State.ERROR_BODY, State.CLOSED));
    NEXT.put(State.STREAMING, EnumSet.of(State.RELEASED, State.CLOSED));
    NEXT.put(State.ERROR_BODY, EnumSet.of(State.CLOSED));
    NEXT.put(State.RELEASED, EnumSet.of(State.CLOSED));
    NEXT.put(State.CLOSED, EnumSet.noneOf(State.class));
  }

  private final HttpStreamClient client;
  private final StreamInterpreter interpreter;
  private final ExchangeListener listener;
  private final StreamTrace trace;
  private final Promise<Void> closed = Promise.promise();
  private State state = State.CONNECTING;

  /** The connection the request went out on; null until then. */
  private Http1Connection sentOn;

  /** The user's decoder, lent from STREAMING until CLOSED; null otherwise. */
  private SseDecoder decoder;

  /** When the bytes being decoded arrived. */
  private long arrivalNs;

  /** Why the response fails and the start of its body (ERROR_BODY); null while it streams. */
  private ErrorBody errorBody;

  /** The connection is being closed under the response (a cut): it must never serve again. */
  private boolean cut;

  /** The body's Content-Encoding being undone, or null when it has none. */
  private ContentDecoding inflater;

  SseExchange(HttpStreamClient client, StreamInterpreter interpreter, ExchangeListener listener) {
    this.client = client;
    this.interpreter = interpreter;
    this.listener = listener;
    this.trace = listener.trace();
  }

  State state() {
    return state;
  }

  /** Completes when the response is over (ended, broken or cut). */
  Future<Void> closed() {
    return closed.future();
  }

  /** The connection the request went out on, or null before it did. */
  Http1Connection sentOn() {
    return sentOn;
  }

  /**
   * The user's decoder went to the next message's exchange while this one's response was still
   * ending (released, on a connection the user had moved off): this one decodes nothing more.
   */
  void decoderTaken() {
    if (state == State.STREAMING) {
      throw new IllegalStateException("SSE exchange: decoder taken while streaming");
    }
    decoder = null;
  }

  /** Whether the exchange closed its connection under the response. */
  boolean wasCut() {
    return cut;
  }

  /** The message is over for the listener: it hears nothing more. */
  boolean isOver() {
    return state == State.RELEASED || state == State.CLOSED;
  }

  private void to(State next) {
    if (!NEXT.get(state).contains(next)) {
      throw new IllegalStateException("SSE exchange: " + state + " -> " + next);
    }
    state = next;
  }

  // ---- the request ----

  /**
   * Sends the request on {@code c}. A kept-alive connection the server closed while idle fails the
   * send; the client then calls this again with a new connection, so the exchange stays CONNECTING
   * until a send has gone out.
   */
  Future<Void> sendOn(Http1Connection c, HttpRequest request) {
    if (state != State.CONNECTING) {
      // Cut while its connection was opening: the connection stays for the next message.
      return Future.succeededFuture();
    }
    sentOn = c;
    return c.send(request, this)
        .onSuccess(
            sent -> {
              if (state == State.CONNECTING) {
                to(State.AWAITING_HEAD);
              }
            });
  }

  /** The connection could not be opened, or the request not sent. */
  void failToConnect(Throwable err) {
    long now = System.nanoTime();
    boolean connect = err instanceof ClientFailures.ConnectFailure;
    fail(
        connect ? ErrorClass.CONNECT : ErrorClass.STREAM_BROKEN, ClientFailures.describe(err), now);
  }

  // ---- the response (Http1Connection.ResponseReader) ----

  @Override
  public void onHead(HttpResponse head, long nowNs) {
    if (state != State.AWAITING_HEAD) {
      return;
    }
    int status = head.status().code();
    String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
    listener.onHead(status, head.headers().get("Retry-After"), nowNs);
    if (trace != null) {
      trace.head(status, type, nowNs);
    }
    if (interpreter.readsHeaders()) {
      interpreter.onHeaders(head.headers()::get, listener);
    }
    String unsupported = null;
    try {
      inflater = ContentDecoding.forEncoding(head.headers().get(HttpHeaderNames.CONTENT_ENCODING));
    } catch (UnsupportedOperationException e) {
      unsupported = e.getMessage();
    }
    errorBody = ErrorBody.forHead(status, type, unsupported, interpreter.requiresEventStream());
    if (errorBody == null) {
      to(State.STREAMING);
      decoder = client.lendDecoder(this, interpreter.maxEventBytes());
    } else if (errorBody.enough()) {
      // The head alone fails it (an encoding not decoded): the rest of the response is not read.
      failAndCut(errorBody.errorClass(), errorBody.message(), nowNs);
    } else {
      // Its start is kept for the message, which fails when it ends (or has said enough).
      to(State.ERROR_BODY);
    }
  }

  /**
   * Body bytes as they arrived; a compressed body is inflated here, its pieces stamped with the
   * instant its compressed bytes arrived.
   */
  @Override
  public void onContent(ByteBuf content, long nowNs) {
    if (inflater == null) {
      onBody(content, nowNs);
      return;
    }
    if (isOver()) {
      return;
    }
    try {
      inflater.decode(content, piece -> onBody(piece, nowNs));
    } catch (ContentDecoding.Corrupt e) {
      failAndCut(ErrorClass.PROTOCOL, e.getMessage(), nowNs);
    }
  }

  private void onBody(ByteBuf content, long nowNs) {
    switch (state) {
      case STREAMING -> {
        arrivalNs = nowNs;
        decoder.feed(content);
      }
      case ERROR_BODY -> {
        if (errorBody.append(content)) {
          // A body that is not an event stream and may never end: enough of it has been seen.
          failAndCut(errorBody.errorClass(), errorBody.message(), nowNs);
        }
      }
      default -> {
        // Released (the message is over) or closed: the rest of the body is not read.
      }
    }
  }

  @Override
  public void onEnd(long nowNs) {
    switch (state) {
      case STREAMING -> {
        decoder.end();
        listener.onEnd(nowNs);
        close();
      }
      case ERROR_BODY -> fail(errorBody.errorClass(), errorBody.message(), nowNs);
      case RELEASED -> close();
      default -> {
        // Cut already.
      }
    }
  }

  @Override
  public void onFailure(Throwable err, long nowNs) {
    if (state == State.RELEASED) {
      // A released message whose response broke while ending: it is over now.
      close();
      return;
    }
    // Before any response, a failure TLS caused is a connection that was never usable.
    boolean responded = state != State.CONNECTING && state != State.AWAITING_HEAD;
    fail(
        ClientFailures.tlsRefused(err, responded) ? ErrorClass.CONNECT : ErrorClass.STREAM_BROKEN,
        ClientFailures.describe(err),
        nowNs);
  }

  // ---- the event stream (SseListener), while STREAMING ----

  @Override
  public void onEvent(SseEvent event) {
    if (state != State.STREAMING) {
      // The rest of a chunk whose done marker (or failure) came first.
      return;
    }
    EventClass cls = interpreter.onSseEvent(event, arrivalNs, listener);
    if (trace != null) {
      trace.event(event, cls, arrivalNs);
    }
  }

  @Override
  public void onComment(byte[] bytes, int offset, int length) {
    if (state == State.STREAMING && trace != null) {
      trace.comment(bytes, offset, length, arrivalNs);
    }
  }

  @Override
  public void onTooLarge(int limitBytes) {
    failAndCut(
        ErrorClass.TOO_LARGE,
        "an event grew past stream.maxEventBytes ("
            + Sizes.describe(limitBytes)
            + ") without ending",
        arrivalNs);
  }

  // ---- ending ----

  /** Fails the message and closes the response (no connection is cut: it failed, or ended). */
  private void fail(ErrorClass error, String message, long now) {
    if (isOver()) {
      return;
    }
    to(State.CLOSED);
    listener.onFailure(error, message, now);
    finish();
  }

  /**
   * Fails the message and closes its connection: the response is still coming, and HTTP/1.1 stops
   * one only by closing. The user moves off the connection before the listener hears of the
   * failure.
   */
  private void failAndCut(ErrorClass error, String message, long now) {
    if (isOver()) {
      return;
    }
    cut = true;
    Http1Connection c = sentOn;
    client.moveOff(c);
    fail(error, message, now);
    if (c != null) {
      c.close();
    }
  }

  /** The response is over without a word to the listener (it has had its end, or its release). */
  private void close() {
    to(State.CLOSED);
    finish();
  }

  /** CLOSED: the decoder goes back, the connection is settled, {@link #closed()} completes. */
  private void finish() {
    if (inflater != null) {
      inflater.close();
    }
    if (decoder != null) {
      client.returnDecoder(this);
      decoder = null;
    }
    client.responseClosed(this);
    closed.tryComplete();
  }

  @Override
  public void cancel() {
    if (state == State.CLOSED) {
      return;
    }
    cut = true;
    Http1Connection c = sentOn;
    client.moveOff(c);
    to(State.CLOSED);
    // HTTP/1.1 stops a response only by closing its connection: the next message opens a new one.
    if (c != null) {
      c.close();
    }
    finish();
  }

  @Override
  public void release() {
    if (state != State.STREAMING) {
      // Ended already (the end came with the done marker's bytes), or never streamed.
      return;
    }
    // The message is over for the user, but its response may still be ending: the client gives it
    // a grace, then cuts it, so that the connection is free for the next message.
    to(State.RELEASED);
    client.released(this);
  }

  @Override
  public String lastEventId() {
    return decoder != null ? decoder.lastEventId() : "";
  }

  @Override
  public long retryMillis() {
    return decoder != null ? decoder.retryMillis() : -1;
  }
}
