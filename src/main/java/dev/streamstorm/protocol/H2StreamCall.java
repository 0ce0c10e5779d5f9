package dev.streamstorm.protocol;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.GoAway;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;

/**
 * A request on a stream, sent once more on another connection when refused unprocessed. Thread
 * confinement: the user's event loop only.
 */
abstract class H2StreamCall {

  /** RST_STREAM CANCEL: the client no longer wants the stream. */
  private static final long CANCEL = 0x8;

  /** RST_STREAM REFUSED_STREAM: the server did not process the stream; safe to send again. */
  private static final long REFUSED_STREAM = 0x7;

  /** The user's streams: where this call takes its stream, and gives it back. */
  final H2UserStreams streams;

  private final RequestOptions options;
  private final Buffer body;
  H2Connections.Slot slot;
  private HttpClientRequest request;
  boolean responded;
  private boolean resent;
  private boolean streamOver;

  H2StreamCall(H2UserStreams streams, RequestOptions options, Buffer body) {
    this.streams = streams;
    this.options = options;
    this.body = body;
  }

  abstract boolean over();

  abstract void onResponse(HttpClientResponse resp, long nowNs);

  abstract void onFailure(Throwable err, boolean connecting, long nowNs);

  /**
   * The request's headers are about to be written on its stream (each attempt: a stream refused
   * unprocessed is sent again). Nothing by default: a plain call is traced by no one.
   */
  void sending(RequestOptions options) {}

  /** The request as it is sent on each attempt. */
  RequestOptions options() {
    return options;
  }

  void start() {
    streams
        .acquire()
        .onComplete(
            ar -> {
              if (ar.failed()) {
                onFailure(ar.cause(), true, System.nanoTime());
                return;
              }
              slot = ar.result();
              streamOver = false;
              if (over()) {
                streamOver();
                return;
              }
              slot.connection()
                  .request(options)
                  .onComplete(
                      rq -> {
                        if (rq.failed()) {
                          failed(rq.cause());
                          return;
                        }
                        request = rq.result();
                        if (over()) {
                          reset();
                          return;
                        }
                        sending(options);
                        Future<HttpClientResponse> sent =
                            body == null ? request.send() : request.send(body);
                        sent.onComplete(
                            resp -> {
                              if (resp.failed()) {
                                failed(resp.cause());
                              } else {
                                responded = true;
                                onResponse(resp.result(), System.nanoTime());
                              }
                            });
                      });
            });
  }

  /** A failure of the stream (before or after its response began). */
  void failed(Throwable err) {
    long now = System.nanoTime();
    int id = request == null ? -1 : request.streamId();
    streamOver();
    if (!responded && !resent && !over() && unprocessed(err, id)) {
      resent = true;
      start();
      return;
    }
    onFailure(err, false, now);
  }

  /** Stops the stream: RST_STREAM CANCEL. */
  void reset() {
    if (request != null && !streamOver) {
      request.reset(CANCEL);
    }
    streamOver();
  }

  /** The stream is over (ended, failed or reset): its connection has room again. */
  void streamOver() {
    if (!streamOver && slot != null) {
      streamOver = true;
      streams.release(slot);
    }
  }

  /** Why a stream failed, for its message. */
  static String describe(Throwable err) {
    if (err instanceof StreamResetException r) {
      return "the server reset the stream (RST_STREAM " + errorName(r.getCode()) + ")";
    }
    if (err instanceof HttpClosedException c && c.goAway() != null) {
      return "the server closed the connection (GOAWAY "
          + errorName(c.goAway().getErrorCode())
          + ", last stream "
          + c.goAway().getLastStreamId()
          + ")";
    }
    return ClientFailures.describe(err);
  }

  private static final String[] ERROR_NAMES = {
    "NO_ERROR",
    "PROTOCOL_ERROR",
    "INTERNAL_ERROR",
    "FLOW_CONTROL_ERROR",
    "SETTINGS_TIMEOUT",
    "STREAM_CLOSED",
    "FRAME_SIZE_ERROR",
    "REFUSED_STREAM",
    "CANCEL",
    "COMPRESSION_ERROR",
    "CONNECT_ERROR",
    "ENHANCE_YOUR_CALM",
    "INADEQUATE_SECURITY",
    "HTTP_1_1_REQUIRED"
  };

  static String errorName(long code) {
    return code >= 0 && code < ERROR_NAMES.length ? ERROR_NAMES[(int) code] : "code " + code;
  }

  /**
   * Whether a stream that failed before any response was never processed by the server, so that
   * sending it again cannot do anything twice: REFUSED_STREAM, or a stream above a GOAWAY's last.
   */
  static boolean unprocessed(Throwable err, int streamId) {
    if (err instanceof StreamResetException r) {
      return r.getCode() == REFUSED_STREAM;
    }
    if (err instanceof HttpClosedException c) {
      GoAway g = c.goAway();
      return g != null && streamId > g.getLastStreamId();
    }
    return false;
  }
}
