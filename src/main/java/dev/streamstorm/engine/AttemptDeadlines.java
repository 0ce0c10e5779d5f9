package dev.streamstorm.engine;

import io.vertx.core.Vertx;
import java.util.Arrays;

/**
 * The timeouts of every message attempt in flight on one event loop, checked by one periodic sweep
 * of the loop instead of a Vert.x timer per attempt. A timer per attempt costs four objects that
 * live as long as the message (handler, Netty task, map node, boxed id): with thousands of long
 * streams in flight, every young collection copies them. The sweep checks each attempt every {@link
 * #SWEEP_MS} ms, so a timeout is reported at most that much late. Confined to its loop.
 */
final class AttemptDeadlines {

  /** What the sweep watches: a message attempt, in the run. */
  interface Watched {
    /** Times out if {@code nowNs} is past a deadline (which ends the watch). */
    void checkDeadlines(long nowNs);

    /** The watched item's place in the sweep's array, or -1. */
    int deadlineSlot();

    void deadlineSlot(int slot);
  }

  static final long SWEEP_MS = 10;

  private final Vertx vertx;
  private Watched[] attempts = new Watched[16];
  private int size;
  private long sweepTimer = -1;

  AttemptDeadlines(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Watches {@code attempt}'s deadlines until {@link #remove}; call on the loop. */
  void add(Watched attempt) {
    if (size == attempts.length) {
      attempts = Arrays.copyOf(attempts, size * 2);
    }
    attempt.deadlineSlot(size);
    attempts[size++] = attempt;
    if (sweepTimer < 0) {
      sweepTimer = vertx.setPeriodic(SWEEP_MS, id -> sweep(System.nanoTime()));
    }
  }

  /** Stops watching {@code attempt} (it ended); a no-op when it is not watched. */
  void remove(Watched attempt) {
    int slot = attempt.deadlineSlot();
    if (slot < 0 || slot >= size || attempts[slot] != attempt) {
      return;
    }
    Watched last = attempts[--size];
    attempts[slot] = last;
    last.deadlineSlot(slot);
    attempts[size] = null;
    attempt.deadlineSlot(-1);
    if (size == 0 && sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
      sweepTimer = -1;
    }
  }

  int size() {
    return size;
  }

  /** The Vert.x of the loop, for the attempts' other timers (reconnection delays). */
  Vertx vertx() {
    return vertx;
  }

  /** Checks every watched attempt against {@code nowNs}; the periodic timer calls it. */
  void sweep(long now) {
    // Downwards: an attempt that ends is replaced by the last one, which was already checked.
    for (int i = size - 1; i >= 0; i--) {
      if (i < size) {
        attempts[i].checkDeadlines(now);
      }
    }
  }
}
