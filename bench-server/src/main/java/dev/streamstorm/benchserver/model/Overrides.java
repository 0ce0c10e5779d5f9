package dev.streamstorm.benchserver.model;

import java.util.function.Function;

/**
 * Per-request replacements for the latency model and fault draw; null means "use the config".
 * Durations in nanoseconds.
 *
 * @param ttftNanos time to the message's first event of any kind
 * @param itlNanos every gap of the answer and of tool-call arguments
 * @param tokens answer tokens
 * @param reasoningItlNanos every gap between reasoning tokens
 * @param reasoningTokens reasoning tokens (on endpoints that carry reasoning)
 * @param toolCalls tool calls (on endpoints that carry model tool calls)
 */
public record Overrides(
    Long ttftNanos,
    Long itlNanos,
    Integer tokens,
    Fault fault,
    Long reasoningItlNanos,
    Integer reasoningTokens,
    Integer toolCalls) {

  public static final Overrides NONE = new Overrides(null, null, null, null);

  /** Overrides of the answer's timing and the fault only. */
  public Overrides(Long ttftNanos, Long itlNanos, Integer tokens, Fault fault) {
    this(ttftNanos, itlNanos, tokens, fault, null, null, null);
  }

  /**
   * Reads {@code ttft_ms}, {@code itl_ms}, {@code tokens}, {@code fault}, {@code reasoning_itl_ms},
   * {@code reasoning_tokens} and {@code tool_calls} through a lookup (query parameters or fields of
   * a WebSocket frame).
   *
   * @throws IllegalArgumentException naming the parameter and what was expected
   */
  public static Overrides from(Function<String, String> lookup) {
    return new Overrides(
        millis(lookup.apply("ttft_ms"), "ttft_ms"),
        millis(lookup.apply("itl_ms"), "itl_ms"),
        count(lookup.apply("tokens"), "tokens", 1_000_000),
        fault(lookup.apply("fault")),
        millis(lookup.apply("reasoning_itl_ms"), "reasoning_itl_ms"),
        count(lookup.apply("reasoning_tokens"), "reasoning_tokens", 1_000_000),
        count(lookup.apply("tool_calls"), "tool_calls", PlanLimits.MAX_TOOL_CALLS));
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

  private static Integer count(String text, String name, int max) {
    if (text == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + ": expected an integer between 0 and " + max + ", got '" + text + "'");
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
