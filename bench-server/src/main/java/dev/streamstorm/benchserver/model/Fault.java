package dev.streamstorm.benchserver.model;

import java.util.Locale;

/** A misbehaviour injected into one request; at most one per request. */
public enum Fault {
  NONE("none"),
  HTTP_500("500"),
  HTTP_429("429"),
  DROP("drop"),
  STALL("stall"),
  MALFORMED("malformed"),
  SLOW_HEADERS("slow_headers"),
  /** Mid-stream: the endpoint's error event, then the stream ends without its done marker. */
  ERROR_EVENT("error_event"),
  /**
   * Mid-stream: the endpoint's "failed" terminal event where it has one ({@code response.failed}, a
   * Realtime {@code response.done} with status failed, an A2A {@code failed} status), else as
   * {@link #ERROR_EVENT}.
   */
  FAILED("failed");

  private final String wireName;

  Fault(String wireName) {
    this.wireName = wireName;
  }

  /** The name used by the {@code fault} query parameter and in /stats. */
  public String wireName() {
    return wireName;
  }

  /** Parses a {@code fault} override; throws naming the accepted values. */
  public static Fault parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Fault f : values()) {
      if (f.wireName.equals(t)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "expected one of 500, 429, drop, stall, malformed, slow_headers, error_event, failed, none;"
            + " got '"
            + text
            + "'");
  }
}
