package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.metrics.results.RunResults;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The measured timings match the server's configured ones: bench-server streams the first token 200
 * ms after the request and 20 tokens 10 ms apart, so ttft is 200 ms and e2e 390 ms plus what
 * loopback and two busy JVM threads add. 200 concurrent users, SSE and WebSocket.
 */
class TimingAccuracyTest {
  /**
   * What loopback, request parsing and two JVMs' scheduling may add at the median on a shared
   * 2-core machine (measured: 3-5 ms idle, up to 15 ms with parallel builds). Nothing can make a
   * token arrive before the server sent it, so the window below the configured value is only the
   * server's timer granularity.
   */
  private static final double OVER_MS = 20.0;

  private static final double UNDER_MS = 1.0;

  private static RunHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new RunHarness(Map.of("ttft", "200ms", "itl", "10ms", "tokens", 20, "seed", 1));
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @Test
  void sseTimingsMatchTheServersAt200Users() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            preset: openai-chat
            load: { vus: 200, duration: 6s, warmup: 2s }
            thinkTime: 100ms
            conversations:
              - name: chat
                turns: ["hello", "and then?"]
            """);
    assertAccurate(r);
  }

  @Test
  void webSocketTimingsMatchTheServersAt200Users() throws Exception {
    RunResults r =
        harness.run(
            """
            target: ${BASE}
            protocol: websocket
            load: { vus: 200, duration: 6s, warmup: 2s }
            thinkTime: 100ms
            conversations:
              - name: chat
                turns: ["hello", "and then?"]
            """);
    assertAccurate(r);
  }

  private static void assertAccurate(RunResults r) {
    assertThat(r.messages().failed()).isZero();
    assertThat(r.messages().ok()).isGreaterThan(500);
    assertThat(r.metrics().get("tokens").p50()).isEqualTo(20);
    assertThat(r.metrics().get("ttft").p50()).isBetween(200 - UNDER_MS, 200 + OVER_MS);
    assertThat(r.metrics().get("e2e").p50()).isBetween(390 - UNDER_MS, 390 + OVER_MS);
    assertThat(r.metrics().get("itl").p50()).isCloseTo(10, within(2.0));
    assertThat(r.metrics().get("tpot").p50()).isCloseTo(10, within(1.0));
  }
}
