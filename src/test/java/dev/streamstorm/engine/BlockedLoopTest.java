package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.scenario.Scenario;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A generator loop held up (here by a slow message log, in real runs by a long GC pause or a busy
 * machine) is reported by the generator monitor, not by Vert.x's blocked-thread checker, whose
 * lines (a stack trace past 5 s) would land in the middle of the progress line.
 */
class BlockedLoopTest {

  private static final long BLOCK_MS = 400;

  @Test
  void aBlockedLoopIsMeasuredNotLoggedByVertx() throws Exception {
    Logger checker = Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    checker.addHandler(capture);
    // Vert.x's checker looks every 20 ms and complains past 50 ms, so the 400 ms block trips it.
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(2)
                .setBlockedThreadCheckInterval(20)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(50)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    AtomicBoolean blocked = new AtomicBoolean();
    MessageLog slowOnce =
        (outcome, runStartNs) -> {
          if (blocked.compareAndSet(false, true)) {
            sleep(BLOCK_MS);
          }
        };
    try (RunHarness h =
        new RunHarness(Map.of("ttft", "10ms", "itl", "5ms", "tokens", 5, "seed", 3))) {
      Scenario s =
          h.scenario(
              """
              target: ${BASE}
              preset: openai-chat
              load: { vus: 1, iterations: 4 }
              """);
      URI target = s.target().url().orElseThrow();
      Run run =
          Run.start(
              vertx,
              s,
              target,
              new Run.Config(2, Duration.ofSeconds(1), System::getenv, List.of(), slowOnce));
      RunOutcome outcome = run.completion().get(60, TimeUnit.SECONDS);
      RunResults r = ResultsFactory.build(s, target, outcome, "test", System::getenv);

      assertThat(r.messages().ok()).isEqualTo(4);
      assertThat(blocked).isTrue();
      assertThat(r.generator().loopLag().max()).isGreaterThan(BLOCK_MS / 2.0);
      assertThat(logged).isEmpty();
    } finally {
      checker.removeHandler(capture);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void cuttingTheMessagesAtTheEndIsNotLag() throws Exception {
    // The message outlives the run (50 tokens a second apart), so the end cuts it, and this log
    // holds the loop while it records the interruption: as 19,413 cuts at once held a loop 483 ms.
    AtomicBoolean cutSeen = new AtomicBoolean();
    MessageLog slowCut =
        (outcome, runStartNs) -> {
          if (outcome.interrupted() && cutSeen.compareAndSet(false, true)) {
            sleep(BLOCK_MS);
          }
        };
    try (RunHarness h = new RunHarness(Map.of("ttft", "10ms", "itl", "1s", "tokens", 50))) {
      RunResults r =
          h.run(
              """
              target: ${BASE}
              preset: openai-chat
              load: { vus: 1, duration: 1s, gracefulStop: 0s }
              """,
              slowCut);

      assertThat(cutSeen).isTrue();
      assertThat(r.messages().interrupted()).isEqualTo(1);
      assertThat(r.generator().loopLag().max()).isLessThan(BLOCK_MS / 2.0);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
