package dev.streamstorm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reused deadline expires at the instant last set, never before it, and never once cleared, also
 * when the timer underneath was scheduled for an earlier or a later message.
 */
class DeadlineTest {
  private static final long MS = 1_000_000L;

  private Vertx vertx;
  private Context loop;
  private Deadline deadline;
  private final AtomicInteger expiries = new AtomicInteger();
  private final CompletableFuture<Long> expiredAt = new CompletableFuture<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    loop = vertx.getOrCreateContext();
    deadline = new Deadline(vertx);
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

    Thread.sleep(150);
    assertThat(expiries).hasValue(0);
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
    Thread.sleep(50);
    assertThat(expiries).hasValue(1);
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
  }

  @Test
  void closingRemovesThePendingTimer() throws Exception {
    onLoop(
        now -> {
          deadline.set(now + 20 * MS, this::expired);
          deadline.close();
        });

    Thread.sleep(150);
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
