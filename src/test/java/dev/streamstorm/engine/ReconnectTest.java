package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.results.RunResults;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stream the server drops is reopened only when the scenario asks, and every reopen counts. */
class ReconnectTest {

  private static final String SCENARIO =
      """
      target: ${BASE}
      load: { vus: 4, iterations: 10 }
      connection: { reconnect: %s, maxReconnects: 5 }
      """;

  @Test
  void droppedStreamsAreBrokenWithoutReconnection() throws Exception {
    try (RunHarness h = harness()) {
      RunResults r = h.run(SCENARIO.formatted("false"));
      assertThat(r.messages().total()).isEqualTo(40);
      assertThat(r.errors().get("stream_broken")).isPositive();
      assertThat(r.messages().reconnects()).isZero();
    }
  }

  @Test
  void droppedStreamsAreReopenedAndCountedWhenAsked() throws Exception {
    try (RunHarness h = harness()) {
      RunResults r = h.run(SCENARIO.formatted("true"));
      assertThat(r.messages().total()).isEqualTo(40);
      assertThat(r.messages().reconnects()).isPositive();
      // Five reopens at a 40% drop rate: a message fails only if all six streams drop (0.4%).
      assertThat(r.messages().ok()).isGreaterThanOrEqualTo(39);
    }
  }

  private static RunHarness harness() throws Exception {
    return new RunHarness(
        Map.of("ttft", "20ms", "itl", "5ms", "tokens", 5, "faultDrop", 0.4, "seed", 11));
  }
}
