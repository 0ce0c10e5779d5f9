package dev.streamstorm.protocol;

import dev.streamstorm.protocol.sse.ChunkCopy;
import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
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
 * do (or a new one per message when asked), its SSE messages ({@link SseExchange}, a state machine
 * each) and plain calls. What is the user's, not one message's, lives here: the connection, the
 * decoder lent to each streaming message, and the response still ending after its message was over.
 * Thread confinement: created and used on the user's event loop only; the connections it opens are
 * bound to that loop.
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

  /** How long {@link #previousResponseEnded} waits for a response's end after its done marker. */
  static final long TAIL_LIMIT_MS = 100;

  /** How long a released response may go on ending before it is cut. */
  private static final long RELEASE_GRACE_NS = 2_000_000_000L;

  private final NetClient client;
  private final Endpoint endpoint;
  private final String authority;
  private final boolean reuse;
  private final int connectTimeoutMs;
  private final int maxBodyBytes;
  private final ConnectListener connectListener;
  private Http1Connection connection;

  /**
   * One decoder for all of this user's messages, lent to the exchange whose response is streaming
   * (reset for it, its buffers kept).
   */
  private final SseDecoder decoder;

  private SseExchange decoderHolder;

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

  /**
   * @param chunkCopy the event loop's array for direct chunks, shared by its users
   * @param maxBodyBytes the longest plain call's body (a session answer) read
   */
  public HttpStreamClient(
      NetClient client,
      Endpoint endpoint,
      boolean reuse,
      long connectTimeoutMs,
      int maxBodyBytes,
      ChunkCopy chunkCopy,
      ConnectListener connectListener) {
    this.client = client;
    this.endpoint = endpoint;
    this.authority = Http1Connection.authority(endpoint);
    this.reuse = reuse;
    this.connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, connectTimeoutMs);
    this.maxBodyBytes = maxBodyBytes;
    this.connectListener = connectListener;
    this.decoder = new SseDecoder(null, Integer.MAX_VALUE, chunkCopy);
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
    SseExchange exchange = new SseExchange(this, interpreter, listener);
    HttpRequest request = request(method, path, headers, body);
    StreamTrace trace = listener.trace();
    if (trace != null) {
      trace.request(method.name(), request.uri());
    }
    send(c -> exchange.sendOn(c, request), true).onFailure(exchange::failToConnect);
    return exchange;
  }

  /**
   * A plain call (session set-up): the whole body, on this user's connection. A body longer than
   * the client's limit fails the call with {@link ClientFailures.BodyTooLarge} and closes the
   * connection.
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
              if (ar.failed() && ar.cause() instanceof ClientFailures.BodyTooLarge) {
                dropConnection(response.connection);
              }
              releaseIfNotReused();
            });
  }

  private HttpRequest request(HttpMethod method, String path, MultiMap headers, Buffer body) {
    return Http1Connection.request(method, endpoint.basePath() + path, headers, body, authority);
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
    if (ending == null || ending.sentOn() != connection || loop == null) {
      // Nothing ending, or ending on a connection the user has already moved off.
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
        .closed()
        .onComplete(
            ar -> {
              loop.owner().cancelTimer(timer);
              ended.tryComplete();
            });
    return ended.future();
  }

  /** Leaves the user's connection to a response still ending; the next request opens another. */
  private void moveOffEnding(SseExchange ending) {
    if (connection != null && connection == ending.sentOn()) {
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
        .recover(err -> Future.failedFuture(new ClientFailures.ConnectFailure(err)));
  }

  private void dropConnection(Http1Connection c) {
    if (c != null) {
      moveOff(c);
      c.close();
    }
  }

  private void releaseIfNotReused() {
    if (!reuse) {
      dropConnection(connection);
    }
  }

  // ---- what an exchange asks of the user's side ----

  /** The decoder, reset for {@code to}'s stream. One stream decodes at a time per user. */
  SseDecoder lendDecoder(SseExchange to, int maxEventBytes) {
    SseExchange former = decoderHolder;
    if (former != null && former != to) {
      // Released and still ending on a connection the user moved off: it decodes nothing more.
      former.decoderTaken();
    }
    decoderHolder = to;
    decoder.reset(maxEventBytes, to);
    return decoder;
  }

  void returnDecoder(SseExchange from) {
    if (decoderHolder == from) {
      decoderHolder = null;
    }
  }

  /** The user stops using {@code c} (it is about to close); its next request opens another. */
  void moveOff(Http1Connection c) {
    if (c != null && connection == c) {
      connection = null;
    }
  }

  /** {@code ex}'s message is over but its response is still ending: cut it after a grace. */
  void released(SseExchange ex) {
    // A timer of this event loop, not Future.timeout: a promise made without a context times out
    // on Netty's global executor, a thread of its own that every message would wake twice
    // (schedule, then cancel): about 1,600 futex calls a second on that thread at 1,000 streams.
    Context loop = Vertx.currentContext();
    if (loop == null) {
      ex.cancel();
      return;
    }
    // This message ended while an earlier one's response may still be ending: that one has had a
    // whole message of grace.
    cutReleasing.run();
    if (releaseGrace == null) {
      releaseGrace = new Deadline(loop.owner());
    }
    releasing = ex;
    releaseGrace.set(System.nanoTime() + RELEASE_GRACE_NS, cutReleasing);
  }

  /**
   * {@code ex}'s response is over. Its connection stays the user's (or is dropped when connections
   * are not reused); one the user had moved off while the response ended is taken back when the
   * user has none, else closed; one cut under the response never serves again.
   */
  void responseClosed(SseExchange ex) {
    if (releasing == ex) {
      releasing = null;
      releaseGrace.clear();
    }
    Http1Connection c = ex.sentOn();
    if (c == null || c == connection) {
      releaseIfNotReused();
    } else if (!ex.wasCut() && reuse && connection == null && !c.isClosed()) {
      connection = c;
    } else {
      c.close();
    }
  }

  // ---- bodies and their text ----

  /** Whether a Content-Type is text/event-stream (parameters such as charset allowed). */
  static boolean isEventStream(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return media.equalsIgnoreCase("text/event-stream");
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
