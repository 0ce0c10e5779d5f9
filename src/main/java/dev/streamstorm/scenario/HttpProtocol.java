package dev.streamstorm.scenario;

/** The HTTP version SSE messages and session calls travel over ({@code connection.protocol}). */
public enum HttpProtocol {
  /** HTTP/1.1: one open stream per connection. */
  HTTP1("http1"),
  /** HTTP/2 over TLS, agreed by ALPN: several streams per connection. */
  H2("h2"),
  /**
   * HTTP/2 over cleartext TCP, with prior knowledge (no upgrade): several streams per connection.
   */
  H2C("h2c");

  private final String id;

  HttpProtocol(String id) {
    this.id = id;
  }

  /** The name used in scenario files and results. */
  public String id() {
    return id;
  }

  public boolean multiplexed() {
    return this != HTTP1;
  }
}
