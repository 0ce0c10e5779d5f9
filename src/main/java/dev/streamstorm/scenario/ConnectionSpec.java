package dev.streamstorm.scenario;

import java.util.List;
import java.util.Optional;

/**
 * How a user holds its connections, and how they are made.
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
 * @param protocol the HTTP version of SSE messages and session calls (http1, h2, h2c)
 * @param streamsPerConnection with HTTP/2, the streams (messages) one connection carries at once
 *     before another is opened; the server's SETTINGS_MAX_CONCURRENT_STREAMS caps it
 * @param tls which servers are trusted, and the client certificate
 * @param proxy the proxy, from the scenario or the environment
 * @param localAddresses the source addresses HTTP/1.1 and WebSocket connections are opened from,
 *     users taking them in turn (user n the ((n - 1) mod size)th); empty (the default) lets the
 *     system choose. Each source address has its own ephemeral ports: about 28,000 connections per
 *     source address and destination with Linux's default range
 */
public record ConnectionSpec(
    boolean reuse,
    boolean reconnect,
    int maxReconnects,
    Optional<Integer> maxConnections,
    int maxBodyBytes,
    HttpProtocol protocol,
    int streamsPerConnection,
    TlsSpec tls,
    ProxySpec proxy,
    List<String> localAddresses) {

  public static final int DEFAULT_MAX_BODY_BYTES = 16 << 20;

  /** What HTTP/2 clients and servers commonly allow (SETTINGS_MAX_CONCURRENT_STREAMS of 100). */
  public static final int DEFAULT_STREAMS_PER_CONNECTION = 100;

  public ConnectionSpec {
    localAddresses = List.copyOf(localAddresses);
  }

  public ConnectionSpec(
      boolean reuse,
      boolean reconnect,
      int maxReconnects,
      Optional<Integer> maxConnections,
      int maxBodyBytes) {
    this(
        reuse,
        reconnect,
        maxReconnects,
        maxConnections,
        maxBodyBytes,
        HttpProtocol.HTTP1,
        DEFAULT_STREAMS_PER_CONNECTION,
        TlsSpec.DEFAULT,
        ProxySpec.FROM_ENVIRONMENT,
        List.of());
  }

  public ConnectionSpec(boolean reuse, boolean reconnect, int maxReconnects) {
    this(reuse, reconnect, maxReconnects, Optional.empty(), DEFAULT_MAX_BODY_BYTES);
  }

  public ConnectionSpec(
      boolean reuse, boolean reconnect, int maxReconnects, Optional<Integer> maxConnections) {
    this(reuse, reconnect, maxReconnects, maxConnections, DEFAULT_MAX_BODY_BYTES);
  }

  /** This specification with another connection limit (a distributed run's share). */
  public ConnectionSpec withMaxConnections(Optional<Integer> max) {
    return new ConnectionSpec(
        reuse,
        reconnect,
        maxReconnects,
        max,
        maxBodyBytes,
        protocol,
        streamsPerConnection,
        tls,
        proxy,
        localAddresses);
  }

  /** This specification with the source addresses connections are opened from. */
  ConnectionSpec withLocalAddresses(List<String> addresses) {
    return new ConnectionSpec(
        reuse,
        reconnect,
        maxReconnects,
        maxConnections,
        maxBodyBytes,
        protocol,
        streamsPerConnection,
        tls,
        proxy,
        addresses);
  }

  /** This specification with how connections are made. */
  ConnectionSpec withNetwork(
      HttpProtocol protocol, int streamsPerConnection, TlsSpec tls, ProxySpec proxy) {
    return new ConnectionSpec(
        reuse,
        reconnect,
        maxReconnects,
        maxConnections,
        maxBodyBytes,
        protocol,
        streamsPerConnection,
        tls,
        proxy,
        localAddresses);
  }
}
