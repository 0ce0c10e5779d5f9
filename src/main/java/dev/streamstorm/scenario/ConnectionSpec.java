package dev.streamstorm.scenario;

import java.util.Optional;

/**
 * How a user holds its connections.
 *
 * @param reuse true (default): a user keeps one keep-alive connection from message to message, as
 *     SDKs do; false: a new connection per message
 * @param reconnect EventSource-style reconnection of a stream the server ended early, honouring
 *     {@code retry} and sending {@code Last-Event-ID}; off unless asked for
 * @param maxReconnects reconnections allowed per message when {@code reconnect} is on
 * @param maxConnections connections open at once across the run, like an SDK's connection pool
 *     limit; a message that needs one waits for it (its clock keeps running: the wait shows as send
 *     delay); empty for no limit
 * @param maxBodyBytes the largest whole response body read (a session call's answer, an error body
 *     is cut much shorter): past it the call fails as too_large
 */
public record ConnectionSpec(
    boolean reuse,
    boolean reconnect,
    int maxReconnects,
    Optional<Integer> maxConnections,
    int maxBodyBytes) {

  public static final int DEFAULT_MAX_BODY_BYTES = 16 << 20;

  public ConnectionSpec(boolean reuse, boolean reconnect, int maxReconnects) {
    this(reuse, reconnect, maxReconnects, Optional.empty(), DEFAULT_MAX_BODY_BYTES);
  }

  public ConnectionSpec(
      boolean reuse, boolean reconnect, int maxReconnects, Optional<Integer> maxConnections) {
    this(reuse, reconnect, maxReconnects, maxConnections, DEFAULT_MAX_BODY_BYTES);
  }
}
