package dev.streamstorm.protocol.stream;

import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.scenario.StreamSpec.Match;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A {@link Match} prepared for allocation-free checks; immutable. */
final class CompiledMatch {

  enum Kind {
    EVENT,
    DATA,
    JSON
  }

  final Kind kind;

  /** EVENT: the event name; DATA: the raw data; both UTF-8. Empty for JSON. */
  private final byte[] expectedBytes;

  /** JSON: the pointer. */
  final String pointer;

  /** JSON: the value at the pointer, as text; null when any non-null value matches. */
  final String expectedText;

  private CompiledMatch(Kind kind, byte[] expectedBytes, String pointer, String expectedText) {
    this.kind = kind;
    this.expectedBytes = expectedBytes;
    this.pointer = pointer;
    this.expectedText = expectedText;
  }

  /**
   * Compiles {@code match}; {@code role} names it in the message when it has not exactly one form.
   */
  static CompiledMatch compile(Match match, String role) {
    int forms =
        (match.event().isPresent() ? 1 : 0)
            + (match.data().isPresent() ? 1 : 0)
            + (match.json().isPresent() ? 1 : 0);
    if (forms != 1) {
      throw new IllegalArgumentException(
          role + ": expected exactly one of event, data or json, got " + match);
    }
    if (match.event().isPresent()) {
      return new CompiledMatch(Kind.EVENT, utf8(match.event().get()), null, null);
    }
    if (match.data().isPresent()) {
      return new CompiledMatch(Kind.DATA, utf8(match.data().get()), null, null);
    }
    // json without equals: the pointer exists and its value is not null (e.g. {"error": {...}}).
    return new CompiledMatch(
        Kind.JSON, new byte[0], match.json().get(), match.equalsValue().orElse(null));
  }

  /** Whether this is an event-name rule and the SSE event has that name; never for a frame. */
  boolean matchesEvent(SseEvent event) {
    return kind == Kind.EVENT && event != null && event.typeEquals(expectedBytes);
  }

  /** Whether this is a raw-data rule and the data is exactly the expected bytes. */
  boolean matchesData(byte[] data, int offset, int length) {
    return kind == Kind.DATA
        && length == expectedBytes.length
        && Arrays.equals(expectedBytes, 0, length, data, offset, offset + length);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
