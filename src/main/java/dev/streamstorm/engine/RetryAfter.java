package dev.streamstorm.engine;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a Retry-After header: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
final class RetryAfter {
  private RetryAfter() {}

  /** The advised wait in nanoseconds, or -1 when the header cannot be read. */
  static long parseNanos(String header) {
    String v = header.trim();
    try {
      double seconds = Double.parseDouble(v);
      return seconds < 0 ? -1 : (long) (seconds * 1e9);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toNanos());
      } catch (DateTimeParseException notADate) {
        return -1;
      }
    }
  }
}
