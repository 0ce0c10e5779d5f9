package dev.streamstorm.metrics;

import java.util.Locale;

/** Why a message failed. Failed messages are counted here and never enter latency histograms. */
public enum ErrorClass {
  /** The server answered 429 Too Many Requests. */
  HTTP_429,
  /** A redirect (3xx): streamstorm does not follow redirects; point the target where it lands. */
  HTTP_3XX,
  /** Any other 4xx status. */
  HTTP_4XX,
  /** A 5xx status. */
  HTTP_5XX,
  /** The connection could not be opened (refused, reset during connect, connect timeout). */
  CONNECT,
  /**
   * Nothing arrived on any channel (answer, reasoning, tool calls) within the first-token timeout.
   */
  TIMEOUT_FIRST_TOKEN,
  /** The message did not end within the message timeout. */
  TIMEOUT,
  /** The connection closed before the message's end. */
  STREAM_BROKEN,
  /** The stream ended cleanly but without the done marker the scenario requires. */
  STREAM_TRUNCATED,
  /** The stream was malformed or reported an in-stream error. */
  PROTOCOL,
  /** An event, frame or body grew past its limit (stream.maxEventBytes and the like). */
  TOO_LARGE,
  /** streamstorm itself failed (a bug or a local resource limit), not the server. */
  GENERATOR;

  /** The name used in outputs and thresholds, e.g. {@code http_429}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The error class an HTTP status maps to, or null for a success status. */
  public static ErrorClass forStatus(int status) {
    if (status == 429) {
      return HTTP_429;
    }
    if (status >= 500) {
      return HTTP_5XX;
    }
    if (status >= 400) {
      return HTTP_4XX;
    }
    if (status >= 300) {
      return HTTP_3XX;
    }
    return null;
  }

  /** Looks an error class up by its id; null when unknown. */
  public static ErrorClass byId(String id) {
    for (ErrorClass c : values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }
}
