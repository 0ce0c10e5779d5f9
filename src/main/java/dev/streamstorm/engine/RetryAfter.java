package dev.streamstorm.engine;

import dev.streamstorm.scenario.RetrySpec;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** When to retry a failed attempt: the scenario's retry policy and the server's Retry-After. */
final class RetryAfter {
  private RetryAfter() {}

  /** How long to wait before retrying, or -1 when the attempt is not retried. */
  static long delayNs(Optional<RetrySpec> policy, AttemptState r, int attemptNo) {
    if (r.ok() || policy.isEmpty()) {
      return -1;
    }
    RetrySpec retry = policy.get();
    if (attemptNo > retry.max() || !retry.onStatus().contains(r.status())) {
      return -1;
    }
    if (retry.honourRetryAfter() && r.retryAfter() != null) {
      long advised = parseNanos(r.retryAfter());
      if (advised >= 0) {
        return advised;
      }
    }
    return retry.backoff().toNanos() << Math.min(attemptNo - 1, 20);
  }

  /** Reads a Retry-After header: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
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
