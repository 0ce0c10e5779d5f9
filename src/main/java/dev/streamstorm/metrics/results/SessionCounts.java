package dev.streamstorm.metrics.results;

import java.util.Map;

/**
 * The users' session set-up calls (a user that fails retries a second later).
 *
 * @param ok calls that succeeded
 * @param failed calls that failed
 * @param errors failed calls by error class (only classes that occurred)
 */
public record SessionCounts(long ok, long failed, Map<String, Long> errors) {

  /** True when set-ups failed and none succeeded: no user could start. */
  public boolean noneStarted() {
    return ok == 0 && failed > 0;
  }
}
