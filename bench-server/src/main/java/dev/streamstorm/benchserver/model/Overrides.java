package dev.streamstorm.benchserver.model;

import java.util.function.Function;

/**
 * Per-request replacements for the latency model and fault draw; null means "use the config".
 * Durations in nanoseconds.
 */
public record Overrides(Long ttftNanos, Long itlNanos, Integer tokens, Fault fault) {

  public static final Overrides NONE = new Overrides(null, null, null, null);

  /**
   * Reads {@code ttft_ms}, {@code itl_ms}, {@code tokens} and {@code fault} through a lookup (query
   * parameters or fields of a WebSocket frame).
   *
   * @throws IllegalArgumentException naming the parameter and what was expected
   */
  public static Overrides from(Function<String, String> lookup) {
    return new Overrides(
        millis(lookup.apply("ttft_ms"), "ttft_ms"),
        millis(lookup.apply("itl_ms"), "itl_ms"),
        count(lookup.apply("tokens")),
        fault(lookup.apply("fault")));
  }

  private static Long millis(String text, String name) {
    if (text == null) {
      return null;
    }
    try {
      double ms = Double.parseDouble(text.trim());
      if (ms >= 0 && ms <= 3_600_000) {
        return Math.round(ms * 1e6);
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + ": expected milliseconds between 0 and 3600000, got '" + text + "'");
  }

  private static Integer count(String text) {
    if (text == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 0 && n <= 1_000_000) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        "tokens: expected an integer between 0 and 1000000, got '" + text + "'");
  }

  private static Fault fault(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Fault.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("fault: " + e.getMessage(), e);
    }
  }
}
