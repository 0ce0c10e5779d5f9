package dev.streamstorm.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorLagTest {
  private static final long MS = 1_000_000L;

  @Test
  void lagProbedDuringTheWarmupIsDiscardedLikeItsMessages() {
    LoopRecorder loop = new LoopRecorder(Slo.NONE, 3_000 * MS);
    loop.recordLoopLag(1_000 * MS, 800 * MS);
    loop.recordLoopLag(2_999 * MS, 500 * MS);
    loop.recordLoopLag(3_000 * MS, 2 * MS);
    loop.recordLoopLag(4_000 * MS, 1 * MS);
    IntervalSnapshot s = new MetricsCollector(List.of(loop)).collect(0, 5_000 * MS, Gauges.NONE);
    var lag = s.histogram(Metric.GENERATOR_LAG, Tag.ALL);
    assertThat(lag.getTotalCount()).isEqualTo(2);
    assertThat(lag.getMaxValue()).isLessThan(3_000);
  }
}
