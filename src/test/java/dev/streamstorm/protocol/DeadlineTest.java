package dev.streamstorm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reused deadline expires at the instant last set, never before it, and never once cleared, also
 * when the timer underneath was scheduled for an earlier or a later message. The deadline's timers
 * are counted (set, cancelled, fired), so "never" is checked once every timer that could have run
 * the expiry has fired or been cancelled, not after a sleep.
 */
class DeadlineTest {
  private static final long MS = 1_000_000L;

  private Vertx vertx;
  private Context loop;
  private Deadline deadline;
  private final AtomicInteger expiries = new AtomicInteger();
  private final CompletableFuture<Long> expiredAt = new CompletableFuture<>();

  private final AtomicInteger timersSet = new AtomicInteger();
  private final AtomicInteger timersCancelled = new AtomicInteger();
  private final LinkedBlockingQueue<Long> timersFired = new LinkedBlockingQueue<>();

  /** The timers seen to fire so far (test thread only). */
  private final List<Long> fired = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    loop = vertx.getOrCreateContext();
    deadline = new Deadline(countingTimers(vertx));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void expiresAtItsInstantNotBefore() throws Exception {
    long due = onLoop(now -> deadline.set(now + 30 * MS, this::expired)) + 30 * MS;

    assertThat(expiredAt.get(5, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(due);
    assertThat(expiries).hasValue(1);
  }

  @Test
  void aClearedDeadlineNeverRuns() throws Exception {
    onLoop(
        now -> {
          deadline.set(now + 20 * MS, this::expired);
          deadline.clear();
        });

    assertThat(timersSet).hasValue(1);
    awaitFired(1);
    assertThat(expiries).hasValue(0);
    assertNoTimerPending();
  }

  @Test
  void aLaterDeadlineOutlivesTheTimerOfAnEarlierOne() throws Exception {
    // The first message's timer fires at 20 ms, finds the second message's deadline not yet due
    // and waits for the rest of it.
    long due =
        onLoop(
                now -> {
                  deadline.set(now + 20 * MS, this::expired);
                  deadline.clear();
                  deadline.set(now + 80 * MS, this::expired);
                })
            + 80 * MS;

    assertThat(expiredAt.get(5, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(due);
    // One timer for the first message, set again once for the rest of the second's deadline.
    awaitFired(2);
    assertThat(timersSet).hasValue(2);
    assertThat(expiries).hasValue(1);
    assertNoTimerPending();
  }

  @Test
  void anEarlierDeadlineDoesNotWaitForTheTimerOfALaterOne() throws Exception {
    long start =
        onLoop(
            now -> {
              deadline.set(now + 60_000 * MS, this::expired);
              deadline.clear();
              deadline.set(now + 20 * MS, this::expired);
            });

    long firedAfterMs = (expiredAt.get(5, TimeUnit.SECONDS) - start) / MS;
    assertThat(firedAfterMs).isBetween(20L, 5_000L);
    // The minute-long timer was cancelled for the earlier deadline, not left to fire.
    assertThat(timersCancelled).hasValue(1);
    awaitFired(1);
    assertNoTimerPending();
  }

  @Test
  void closingRemovesThePendingTimer() throws Exception {
    onLoop(
        now -> {
          deadline.set(now + 20 * MS, this::expired);
          deadline.close();
        });

    // Nothing is left on the loop that could run the expiry.
    assertThat(timersSet).hasValue(1);
    assertThat(timersCancelled).hasValue(1);
    assertNoTimerPending();
    assertThat(expiries).hasValue(0);
  }

  @Test
  void millisecondsAreRoundedUpAndNeverZero() {
    assertThat(Deadline.millisUntil(5 * MS + 1, 0)).isEqualTo(6);
    assertThat(Deadline.millisUntil(5 * MS, 0)).isEqualTo(5);
    assertThat(Deadline.millisUntil(0, 5 * MS)).isEqualTo(1);
  }

  private void expired() {
    expiries.incrementAndGet();
    expiredAt.complete(System.nanoTime());
  }

  /** Waits until {@code n} of the deadline's timers have run their handler. */
  private void awaitFired(int n) throws InterruptedException {
    while (fired.size() < n) {
      Long id = timersFired.poll(5, TimeUnit.SECONDS);
      assertThat(id).as("timer %d of %d fired within 5 s", fired.size() + 1, n).isNotNull();
      fired.add(id);
    }
  }

  /** Every timer the deadline set has fired or was cancelled. */
  private void assertNoTimerPending() {
    timersFired.drainTo(fired);
    assertThat(fired.size() + timersCancelled.get())
        .as("timers fired or cancelled, of %d set", timersSet.get())
        .isEqualTo(timersSet.get());
  }

  /**
   * {@code real}, with its timers counted: the deadline's only calls to the loop's timer queue are
   * {@code setTimer} and {@code cancelTimer}.
   */
  @SuppressWarnings("unchecked")
  private Vertx countingTimers(Vertx real) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("setTimer") && args.length == 2) {
            timersSet.incrementAndGet();
            Handler<Long> fire = (Handler<Long>) args[1];
            return real.setTimer(
                (Long) args[0],
                id -> {
                  try {
                    fire.handle(id);
                  } finally {
                    timersFired.add(id);
                  }
                });
          }
          if (method.getName().equals("cancelTimer")) {
            boolean removed = real.cancelTimer((Long) args[0]);
            if (removed) {
              timersCancelled.incrementAndGet();
            }
            return removed;
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Vertx)
        Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] {Vertx.class}, handler);
  }

  /** Runs {@code action} on the loop with the current instant; returns that instant. */
  private long onLoop(Consumer<Long> action) throws Exception {
    CompletableFuture<Long> ran = new CompletableFuture<>();
    loop.runOnContext(
        v -> {
          long now = System.nanoTime();
          action.accept(now);
          ran.complete(now);
        });
    return ran.get(5, TimeUnit.SECONDS);
  }
}
