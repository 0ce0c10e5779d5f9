package dev.streamstorm.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.IntervalSnapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLineAgentsTest {
  private static final IntervalSnapshot S =
      new IntervalSnapshot(0, 0, 1_000_000_000L, Map.of(), Map.of(), Gauges.NONE);

  @Test
  void aDistributedRunShowsHowManyAgentsAreHealthy() {
    String all =
        ProgressLine.render(S, new ProgressLine.Context(1, 10, 0, 0, false, 0, 0, false, 3, 3));
    String some =
        ProgressLine.render(S, new ProgressLine.Context(1, 10, 0, 0, false, 0, 0, false, 2, 3));

    assertThat(all).contains("agents 3/3 healthy").doesNotContain("⚠");
    assertThat(some).contains("agents 2/3 healthy ⚠");
  }

  @Test
  void aRunInOneJvmSaysNothingOfAgents() {
    assertThat(ProgressLine.render(S, new ProgressLine.Context(1, 10, 0, 0, false, 0, 0, false)))
        .doesNotContain("agents");
  }
}
