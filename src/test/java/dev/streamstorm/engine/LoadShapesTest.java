package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.benchserver.stats.RequestRecord;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.Series;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load shapes, limits, think time, feeders and retries, end to end against bench-server. */
class LoadShapesTest {
  private static RunHarness harness;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    harness =
        new RunHarness(
            Map.of("ttft", "50ms", "itl", "5ms", "tokens", 5, "stallDuration", "3s", "seed", 9));
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @Test
  void openModelAchievesItsArrivalRate() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            load: { arrival: { rate: 50/s }, duration: 6s }
            """);
    assertThat(r.arrivals()).isNotNull();
    // 300 scheduled arrivals; the run's measured time is a few ms longer than the schedule.
    assertThat(r.arrivals().started()).isBetween(297L, 300L);
    assertThat(r.arrivals().dropped()).isZero();
    assertThat(r.messages().ok()).isEqualTo(r.arrivals().started());
  }

  @Test
  void latencyCountsFromTheScheduledArrivalWhileServiceTimeCountsFromTheSend() throws Exception {
    // One message in 200 stalls 3 s. With one connection per event loop, the arrivals behind it
    // wait for that connection: the corrected latency shows the stall in its p99, service time
    // (from the actual send) shows it only for the stalled message itself.
    Path data = dir.resolve("faults.csv");
    StringBuilder csv = new StringBuilder("fault\n");
    for (int i = 0; i < 200; i++) {
      csv.append(i == 40 ? "stall" : "none").append('\n');
    }
    Files.writeString(data, csv);
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            request: { path: "/v1/chat/completions?fault=${fault}" }
            data: { file: %s, order: unique }
            load: { arrival: { rate: 20/s }, duration: 10s, maxInFlight: 500 }
            connection: { maxConnections: 2, reuse: false }
            conversations:
              - name: ask
                turns: ["hi"]
            """
                .formatted(data));
    assertThat(r.messages().failed()).isZero();
    // Normal replies take ~70 ms; a loaded build machine can stretch a few to a few hundred.
    assertThat(r.metrics().get("e2e").p99()).isGreaterThan(2_000);
    assertThat(r.metrics().get("e2e_service").p99()).isLessThan(1_000);
    assertThat(r.metrics().get("e2e_service").max()).isGreaterThan(3_000);
    assertThat(r.metrics().get("send_delay").p99()).isGreaterThan(1_000);
  }

  @Test
  void thinkTimeIsExcludedFromLatenciesAndReportedApart() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            load: { vus: 2, iterations: 3 }
            thinkTime: 300ms
            conversations:
              - name: chat
                turns: ["one", "two"]
            """);
    assertThat(r.messages().ok()).isEqualTo(12);
    assertThat(r.metrics().get("e2e").max()).isLessThan(250);
    assertThat(r.metrics().get("think_time").count()).isEqualTo(6);
    assertThat(r.metrics().get("think_time").p50()).isCloseTo(300, within(30.0));
  }

  @Test
  void dataRowsFeedTheirVariablesAndUniqueRowsEndTheRun() throws Exception {
    Path data = dir.resolve("rows.jsonl");
    Files.writeString(data, "{\"n\": 3}\n{\"n\": 7}\n{\"n\": 3}\n{\"n\": 7}\n");
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            request: { path: "/v1/chat/completions?tokens=${n}" }
            data: { file: %s, order: unique }
            load: { vus: 2, duration: 30s }
            """
                .formatted(data));
    assertThat(r.run().endReason()).isEqualTo("data");
    assertThat(r.messages().ok()).isEqualTo(4);
    assertThat(r.metrics().get("tokens").min()).isEqualTo(3);
    assertThat(r.metrics().get("tokens").max()).isEqualTo(7);
  }

  @Test
  void retriesHonourRetryAfterAndAreCountedApart() throws Exception {
    try (RunHarness limited =
        new RunHarness(Map.of("ttft", "20ms", "itl", "5ms", "tokens", 3, "rateLimitRps", 5))) {
      RunResults r =
          limited.run(
              """
              target: ${BASE}
              load: { vus: 10, iterations: 1 }
              retry: { on: [429], max: 5, honourRetryAfter: true, backoff: 100ms }
              """);
      assertThat(r.messages().ok()).isEqualTo(10);
      assertThat(r.messages().failed()).isZero();
      assertThat(r.messages().retried()).isPositive();
      assertThat(r.retriedErrors()).containsKey("http_429");
      // Retry-After is whole seconds: every retry waited at least one.
      assertThat(r.metrics().get("retry_wait").min()).isGreaterThanOrEqualTo(999);
      assertThat(r.metrics().get("e2e").max()).isGreaterThan(999);
    }
  }

  @Test
  void totalIterationsEndTheRun() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            load: { vus: 4, totalIterations: 10, duration: 30s }
            """);
    assertThat(r.run().endReason()).isEqualTo("iterations");
    assertThat(r.messages().total()).isEqualTo(10);
  }

  @Test
  void totalIterationsEndAnOpenRunOnceTheLastConversationEnded() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            load: { arrival: { rate: 50/s }, totalIterations: 10, duration: 30s }
            """);
    assertThat(r.run().endReason()).isEqualTo("iterations");
    assertThat(r.messages().total()).isEqualTo(10);
    assertThat(r.messages().ok()).isEqualTo(10);
  }

  @Test
  void maxMessagesEndsTheRun() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            load: { vus: 3, maxMessages: 20, duration: 30s }
            """);
    assertThat(r.run().endReason()).isEqualTo("maxMessages");
    // Users that were mid-message when the limit was reached finish them (graceful stop).
    assertThat(r.messages().total()).isBetween(20L, 22L);
  }

  @Test
  void theTokenBudgetEndsTheRun() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            load: { vus: 2, maxTokens: 100, duration: 30s }
            """);
    assertThat(r.run().endReason()).isEqualTo("maxTokens");
    long tokens = Math.round(r.metrics().get("tokens").mean() * r.metrics().get("tokens").count());
    assertThat(tokens).isBetween(100L, 110L);
  }

  @Test
  void stagesAddAndRemoveUsersSmoothly() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            load:
              stages:
                - { duration: 3s, target: 12 }
                - { duration: 2s, target: 0 }
              gracefulStop: 1s
            """);
    var points = r.series().points();
    int peak = points.stream().mapToInt(Series.Point::activeUsers).max().orElse(0);
    assertThat(peak).isBetween(10, 12);
    assertThat(points.get(0).activeUsers()).isBetween(3, 5);
    assertThat(r.run().stages()).containsExactly(3.0, 5.0);
  }

  @Test
  void aRampStartsEachUserAtItsOwnInstantNotABatchPerTick() throws Exception {
    long before = System.nanoTime();
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            request: { path: "/v1/chat/completions?ttft_ms=300" }
            load:
              stages: [ { duration: 1s, target: 200 } ]
              iterations: 1
            """);

    long[] sends =
        harness.server().stats().recent().stream()
            .mapToLong(RequestRecord::acceptedNanos)
            .filter(t -> t > before)
            .sorted()
            .toArray();
    assertThat(r.messages().ok()).isEqualTo(200);
    assertThat(sends).hasSize(200);
    // 200 users over 1 s are due 5 ms apart. Added in a batch per 50 ms tick they were sent 10 at
    // a time, within a millisecond or two. The ramp's second half only: the first users' sends
    // wait for cold code and their connections, and bunch whatever their start.
    long[] late = Arrays.stream(sends).filter(t -> t - sends[0] > 500_000_000L).toArray();
    assertThat(late.length).isGreaterThan(50);
    int most = 0;
    for (int i = 0, j = 0; i < late.length; i++) {
      while (late[i] - late[j] > 5_000_000) {
        j++;
      }
      most = Math.max(most, i - j + 1);
    }
    assertThat(most).as("sends within 5 ms").isLessThanOrEqualTo(5);
  }

  @Test
  void gracefulStopCutsMessagesThatOutlastIt() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            request: { path: "/v1/chat/completions?ttft_ms=4000" }
            load: { vus: 3, duration: 1s, gracefulStop: 500ms }
            timeouts: { firstToken: 10s, message: 20s }
            """);
    assertThat(r.messages().interrupted()).isEqualTo(3);
    assertThat(r.messages().total()).isZero();
    assertThat(r.run().durationSeconds()).isLessThan(3.0);
  }

  @Test
  void aSweepStopsAtTheFirstStepThatBreaksTheSlo() throws Exception {
    try (RunHarness small =
        new RunHarness(Map.of("ttft", "50ms", "itl", "20ms", "tokens", 10, "maxConcurrency", 4))) {
      // 4 slots, 0.23 s per reply: about 17 replies/s before the queue grows without bound.
      RunResults r =
          small.run(
              """
              target: ${BASE}
              load:
                sweep: { start: 5/s, step: 10/s, max: 45/s, stepDuration: 3s, minGoodRatio: 0.9 }
                maxInFlight: 500
              slo: { ttft: 300ms }
              """);
      assertThat(r.sweep()).isNotNull();
      assertThat(r.sweep().steps().get(0).passed()).isTrue();
      assertThat(r.sweep().maxSustainableRate()).isIn(5.0, 15.0);
      assertThat(r.sweep().steps().get(r.sweep().steps().size() - 1).passed()).isFalse();
      assertThat(r.run().endReason()).isEqualTo("sweep");
    }
  }
}
