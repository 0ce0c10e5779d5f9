package dev.streamstorm.protocol;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.stream.StreamSink;

/**
 * Receives what happens to one message on the wire. Every call comes from the user's event loop.
 * The stream callbacks ({@link StreamSink}) carry the instant the bytes that hold them arrived,
 * taken before any parsing.
 */
public interface ExchangeListener extends StreamSink {

  /**
   * Response headers (SSE) or the first frame after the send (WebSocket).
   *
   * @param status HTTP status (101 or 200 for WebSocket frames)
   * @param retryAfter the Retry-After header as sent, or null
   */
  void onHead(int status, String retryAfter, long nowNs);

  /** The stream ended cleanly (HTTP response complete). */
  void onEnd(long nowNs);

  /** The exchange failed; no further calls follow. */
  void onFailure(ErrorClass error, String message, long nowNs);

  /** Where this message's stream is traced, or null (every message but the first few). */
  default StreamTrace trace() {
    return null;
  }
}
