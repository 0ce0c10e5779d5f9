package dev.streamstorm.engine;

import java.util.ArrayDeque;

/**
 * One event loop's share of {@code connection.maxConnections}: a counting semaphore whose waiters
 * are served first come, first served. Loop-confined, so no locking; an unlimited pool never makes
 * anyone wait.
 */
final class ConnectionPermits {
  private final int limit;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int inUse;

  /**
   * @param limit permits on this loop, or Integer.MAX_VALUE for no limit
   */
  ConnectionPermits(int limit) {
    this.limit = limit;
  }

  /** Runs {@code then} once a permit is held (at once when one is free). */
  void acquire(Runnable then) {
    if (inUse < limit) {
      inUse++;
      then.run();
    } else {
      waiting.add(then);
    }
  }

  /** Gives a permit back, handing it straight to the longest waiter. */
  void release() {
    Runnable next = waiting.poll();
    if (next != null) {
      next.run();
    } else {
      inUse--;
    }
  }

  /** Forgets a waiter that no longer wants a permit (its user left). */
  boolean cancel(Runnable waiter) {
    return waiting.remove(waiter);
  }

  int waiting() {
    return waiting.size();
  }
}
