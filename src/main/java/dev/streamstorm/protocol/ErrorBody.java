package dev.streamstorm.protocol;

import dev.streamstorm.metrics.ErrorClass;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/**
 * Why an SSE message's response fails, decided on its head, and the start of its body that the
 * failure's message quotes: an error status, a successful response that is not an event stream, or
 * one in a Content-Encoding streamstorm does not decode. Both HTTP exchanges read a failing
 * response this way ({@link SseExchange} over HTTP/1.1, {@link H2Exchange} over HTTP/2); they
 * differ only in how they stop one (closing the connection, resetting the stream), so that stays
 * theirs.
 *
 * <p>Made only for a response that fails: a streaming one allocates nothing here. The messages
 * quote the server's words as they came; like every error message they are masked where they are
 * shown (results, trace, {@code try}), not here. Confined to the exchange's event loop.
 */
final class ErrorBody {

  /** How much of an error response's body is kept for its message: the excerpt needs far less. */
  static final int LIMIT = 4096;

  private final int status;

  /** Why a successful response is not an event stream, or null when the status was an error. */
  private final String notEventStream;

  /** Why the head alone fails the response (an encoding not decoded), or null. */
  private final String headFailure;

  /** The body's start, up to {@link #LIMIT}; null when the head alone fails the response. */
  private final Buffer body;

  private ErrorBody(int status, String notEventStream, String headFailure) {
    this.status = status;
    this.notEventStream = notEventStream;
    this.headFailure = headFailure;
    this.body = headFailure == null ? Buffer.buffer() : null;
  }

  /**
   * What a response's head says of its message: null when its body is to be decoded as an event
   * stream, else why it fails. An error status comes first, even in an encoding not decoded (its
   * body is then kept as it came: the status says what went wrong); then the encoding, since a body
   * that cannot be decoded cannot be read either way; then the Content-Type.
   *
   * @param unsupportedEncoding why the response's Content-Encoding is not decoded, or null
   * @param requiresEventStream whether a body that is not text/event-stream fails (as an
   *     EventSource does: it is not read as one)
   */
  static ErrorBody forHead(
      int status, String contentType, String unsupportedEncoding, boolean requiresEventStream) {
    if (ErrorClass.forStatus(status) != null) {
      return new ErrorBody(status, null, null);
    }
    if (unsupportedEncoding != null) {
      return new ErrorBody(status, null, unsupportedEncoding);
    }
    if (requiresEventStream && !HttpStreamClient.isEventStream(contentType)) {
      return new ErrorBody(
          status, contentType == null ? "no Content-Type" : "Content-Type " + contentType, null);
    }
    return null;
  }

  /**
   * Whether enough has been seen to fail the message now, without waiting for the body's end: at
   * once when the head alone fails it; when the start of a body that is not an event stream is kept
   * whole (it may never end). An error status's body is read to its end.
   */
  boolean enough() {
    return headFailure != null || (notEventStream != null && body.length() >= LIMIT);
  }

  /** Keeps {@code content}'s bytes up to {@link #LIMIT}; returns {@link #enough()}. */
  boolean append(ByteBuf content) {
    HttpStreamClient.append(body, content, LIMIT);
    return enough();
  }

  /** The message's error class: the status's, or {@code protocol}. */
  ErrorClass errorClass() {
    if (headFailure != null || notEventStream != null) {
      return ErrorClass.PROTOCOL;
    }
    ErrorClass c = ErrorClass.forStatus(status);
    return c == null ? ErrorClass.PROTOCOL : c;
  }

  /** The message's error text, quoting the start of the body. */
  String message() {
    if (headFailure != null) {
      return headFailure;
    }
    String detail = HttpStreamClient.excerpt(body);
    String quoted = detail.isEmpty() ? "" : ": " + detail;
    if (notEventStream != null) {
      return "not an event stream: HTTP "
          + status
          + " with "
          + notEventStream
          + quoted
          + " (stream.requireEventStream: false reads it anyway)";
    }
    return "HTTP " + status + quoted;
  }
}
