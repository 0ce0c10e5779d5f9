package dev.streamstorm.protocol;

import dev.streamstorm.scenario.Sizes;

/**
 * How the HTTP clients' failures are told apart and described: a connection that could not be
 * opened (the {@code connect} error class, TLS refusals included), a call's body past its limit,
 * and a failure's text with its causes for a message's error.
 */
public final class ClientFailures {

  /** Marks failures to open a connection, which are the {@code connect} error class. */
  public static final class ConnectFailure extends RuntimeException {
    ConnectFailure(Throwable cause) {
      // The whole chain: a TLS failure's reason (unknown CA, name mismatch) is in its causes.
      super(Causes.describe(cause), cause);
    }
  }

  /** A plain call's response body went past the client's limit. */
  public static final class BodyTooLarge extends RuntimeException {
    BodyTooLarge(int limitBytes) {
      super(
          "the response body grew past connection.maxBodyBytes ("
              + Sizes.describe(limitBytes)
              + ")");
    }
  }

  /** A failure and its causes, for the message's error text. */
  static String describe(Throwable err) {
    Throwable t = err instanceof ConnectFailure && err.getCause() != null ? err.getCause() : err;
    return Causes.describe(t);
  }

  /**
   * A failure before any response came that TLS caused (a server that requires a client certificate
   * refuses it after a TLS 1.3 handshake completed, at the first read): the connection was never
   * usable, so it is a connect failure.
   */
  static boolean tlsRefused(Throwable err, boolean responded) {
    return !responded && Causes.tls(err);
  }

  private ClientFailures() {}
}
