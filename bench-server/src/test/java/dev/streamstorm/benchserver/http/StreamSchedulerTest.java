package dev.streamstorm.benchserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.benchserver.model.Overrides;
import dev.streamstorm.benchserver.model.PlanFactory;
import dev.streamstorm.benchserver.model.PlanRequest;
import dev.streamstorm.benchserver.model.ToolCall;
import dev.streamstorm.benchserver.stats.StatsCollector;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class StreamSchedulerTest {

  private static final int STREAMS = 200;
  private static final int TOKENS = 20;

  /**
   * 200 streams of 20 tokens, every token due 300 ms after the start, each write taking 100 µs: one
   * tick finds 0.4 s of work due. A task posted to the loop as the tick begins writing must run
   * long before the backlog is written. (Due 20 ms after the start, streams set up after that on a
   * busy machine fired inline in {@code start}, before any tick, and the probe waited for them.)
   */
  @Test
  void anOverloadedLoopStillRunsOtherWorkBetweenTicks(Vertx vertx) throws Exception {
    BenchServerConfig config =
        BenchServerConfig.fromMap(Map.of("ttft", "300ms", "itl", "0ms", "tokens", TOKENS));
    PlanFactory plans = new PlanFactory(config);
    StatsCollector stats = new StatsCollector();
    AtomicInteger written = new AtomicInteger();
    CompletableFuture<Integer> writtenWhenProbeRan = new CompletableFuture<>();
    Context loop = vertx.getOrCreateContext();
    loop.runOnContext(
        v -> {
          StreamScheduler scheduler = new StreamScheduler(vertx);
          long now = System.nanoTime();
          for (int i = 0; i < STREAMS; i++) {
            Exchange e =
                new Exchange(
                    new RequestInfo("r" + i, "test", i, now, 0),
                    plans.plan(
                        new SplittableRandom(i), new PlanRequest(0, 0, null, Overrides.NONE)),
                    new SlowSink(
                        () -> {
                          if (written.incrementAndGet() == 1) {
                            loop.runOnContext(probe -> writtenWhenProbeRan.complete(written.get()));
                          }
                        }),
                    stats,
                    () -> {});
            e.open();
            e.slotGranted(false);
            scheduler.start(e);
          }
        });

    int before = writtenWhenProbeRan.get(30, TimeUnit.SECONDS);
    assertThat(before).isLessThan(STREAMS * TOKENS / 4);
  }

  @Test
  void aPendingTimerStaysWhenANewOneWouldNotFireSooner() {
    long ms = 1_000_000;
    long now = 50 * ms;
    // Head overdue (left by the last tick), timer 0.98 ms away: a new timer would fire in 1 ms.
    assertThat(StreamScheduler.pendingIsSoonEnough(now + 980_000, now - 700_000, now)).isTrue();
    // Head due in 5 ms: a timer at 5.9 ms is within a millisecond of it; one at 20 ms is not.
    assertThat(StreamScheduler.pendingIsSoonEnough(now + 5_900_000, now + 5 * ms, now)).isTrue();
    assertThat(StreamScheduler.pendingIsSoonEnough(now + 20 * ms, now + 5 * ms, now)).isFalse();
    // Head overdue, timer 3 ms away: a new one fires in 1 ms, so it replaces the pending one.
    assertThat(StreamScheduler.pendingIsSoonEnough(now + 3 * ms, now - ms, now)).isFalse();
  }

  /** A streaming sink whose every token write takes 100 µs of CPU, like a slow socket. */
  private static final class SlowSink implements Sink {
    private final Runnable onToken;

    SlowSink(Runnable onToken) {
      this.onToken = onToken;
    }

    @Override
    public boolean streaming() {
      return true;
    }

    @Override
    public boolean hasHeaders() {
      return false;
    }

    @Override
    public void open() {}

    @Override
    public void token(int word) {
      long until = System.nanoTime() + 100_000;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      onToken.run();
    }

    @Override
    public void toolCall(ToolCall call) {}

    @Override
    public void toolResult(ToolCall call) {}

    @Override
    public void malformed() {}

    @Override
    public void streamError(boolean failed) {}

    @Override
    public void end() {}

    @Override
    public void drop() {}

    @Override
    public void reject(ErrorKind kind, String message, long retryAfterSeconds) {}

    @Override
    public void onClientGone(Runnable action) {}
  }
}
