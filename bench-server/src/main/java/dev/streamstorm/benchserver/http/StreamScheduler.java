package dev.streamstorm.benchserver.http;

import io.vertx.core.Vertx;

/**
 * Drives the due events of every exchange on one event loop with a single Vert.x timer, armed for
 * the earliest due time, instead of one timer per token. Confined to its event loop.
 *
 * <p>Vert.x timers have millisecond resolution, so a write can be up to about a millisecond late;
 * the lateness of every write is measured and reported as jitter in /stats.
 *
 * <p>One tick fires only what was due when it began, for at most {@link #TICK_BUDGET_NS}, then
 * yields to the event loop: an overloaded server that fired everything due, including what fell due
 * while it fired, would never return to its sockets (10,000 streams opening at once kept a loop in
 * one tick for 2.5 s, reading no request and accepting no connection meanwhile). A 2 ms budget
 * measured no better and idles more on the millisecond timer between ticks.
 */
final class StreamScheduler {

  private static final long NO_TIMER = -1;
  private static final long MS = 1_000_000;
  private static final long TICK_BUDGET_NS = 10 * MS;

  private final Vertx vertx;
  private final DueQueue due = new DueQueue();
  private long timerId = NO_TIMER;
  private long timerFiresNs;

  StreamScheduler(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Fires what is due now and schedules the rest. */
  void start(Exchange exchange) {
    if (exchange.fire()) {
      due.add(exchange, exchange.nextDueNs());
      arm(System.nanoTime());
    }
  }

  void stop() {
    if (timerId != NO_TIMER) {
      vertx.cancelTimer(timerId);
      timerId = NO_TIMER;
    }
    due.clear();
  }

  private void onTimer(long id) {
    timerId = NO_TIMER;
    long tickNs = System.nanoTime();
    long yieldNs = tickNs + TICK_BUDGET_NS;
    while (!due.isEmpty() && due.headDueNs() - tickNs <= 0) {
      // The head stays at the top while it fires: firing never starts another exchange here (a
      // freed slot is granted in a task of its own), so it can be re-sifted in place.
      Exchange head = due.head();
      if (!head.finished() && head.fire()) {
        due.rescheduleHead(head.nextDueNs());
      } else {
        due.poll();
      }
      if (System.nanoTime() > yieldNs) {
        break;
      }
    }
    arm(System.nanoTime());
  }

  private void arm(long nowNs) {
    if (due.isEmpty()) {
      return;
    }
    long dueNs = due.headDueNs();
    if (timerId != NO_TIMER) {
      if (pendingIsSoonEnough(timerFiresNs, dueNs, nowNs)) {
        return;
      }
      vertx.cancelTimer(timerId);
    }
    long delayMs = delayMs(dueNs, nowNs);
    timerFiresNs = nowNs + delayMs * MS;
    timerId = vertx.setTimer(delayMs, this::onTimer);
  }

  /**
   * A pending timer firing within a millisecond of the due time is as good as a new one, and so is
   * one firing no later than a new one would. The second half matters: a tick leaves overdue what
   * fell due while it fired, and every request that started before the next tick then cancelled and
   * re-set the pending timer to the same millisecond (a visible share of the server's CPU at 10,000
   * streams: docs/performance.md, "What the SSE lag tail is made of").
   */
  static boolean pendingIsSoonEnough(long pendingFiresNs, long dueNs, long nowNs) {
    long newFiresNs = nowNs + delayMs(dueNs, nowNs) * MS;
    return pendingFiresNs - Math.max(dueNs + MS, newFiresNs) <= 0;
  }

  /** Vert.x timers take whole milliseconds, at least one: rounded up, never early. */
  private static long delayMs(long dueNs, long nowNs) {
    return Math.max(1, (dueNs - nowNs + MS - 1) / MS);
  }
}
