package dev.streamstorm.protocol;

import io.vertx.core.Vertx;

/**
 * A user's reusable timeout (first token, whole message, a released response's grace): set for each
 * message, cleared when it ends, and expiring on time for a message that overruns it. Event-loop
 * confined.
 *
 * <p>Setting and clearing never touch the event loop's timer queue while a timer is pending: a
 * cleared deadline leaves its timer to fire, and a timer that fires before the deadline now set
 * schedules itself again for the rest. A user whose messages are shorter than the timeout costs one
 * timer per timeout period, not a {@code setTimer} and a {@code cancelTimer} per message: Vert.x
 * keeps every timer in a map shared by all event loops, and cancelling the first-token timer on
 * each first token showed in the generator's profile (docs/performance.md, "Cutting the per-message
 * cost").
 */
public final class Deadline {

  private static final long NONE = Long.MAX_VALUE;

  private final Vertx vertx;
  private long dueNs = NONE;
  private Runnable onExpiry;

  /** The pending Vert.x timer (-1 when none) and the instant it fires at the earliest. */
  private long timerId = -1;

  private long timerDueNs;

  public Deadline(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Runs {@code onExpiry} at {@code dueNs} ({@link System#nanoTime()}) unless cleared first. */
  public void set(long dueNs, Runnable onExpiry) {
    this.dueNs = dueNs;
    this.onExpiry = onExpiry;
    if (timerId >= 0 && timerDueNs - dueNs <= 0) {
      return;
    }
    // Only a deadline earlier than the pending timer (a shorter timeout than the last message's,
    // or none pending) needs a timer of its own.
    cancelTimer();
    schedule(System.nanoTime());
  }

  /** The message ended in time: nothing runs (the pending timer, if any, finds nothing due). */
  public void clear() {
    dueNs = NONE;
    onExpiry = null;
  }

  /** The user is leaving: clears the deadline and removes its timer from the loop. */
  public void close() {
    clear();
    cancelTimer();
  }

  private void schedule(long nowNs) {
    timerDueNs = dueNs;
    timerId = vertx.setTimer(millisUntil(dueNs, nowNs), id -> fire());
  }

  private void fire() {
    timerId = -1;
    if (dueNs == NONE) {
      return;
    }
    long now = System.nanoTime();
    if (now - dueNs < 0) {
      schedule(now);
      return;
    }
    Runnable expired = onExpiry;
    clear();
    expired.run();
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  /** Whole milliseconds from {@code nowNs} to {@code dueNs}, rounded up, at least 1. */
  static long millisUntil(long dueNs, long nowNs) {
    return Math.max(1, (dueNs - nowNs + 999_999) / 1_000_000);
  }
}
