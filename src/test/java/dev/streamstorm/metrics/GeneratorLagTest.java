package dev.streamstorm.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.metrics.results.GeneratorHealth;
import java.util.List;
import java.util.Map;
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

  @Test
  void aLongCollectionPauseAfterTheWarmupMarksTheGeneratorUnhealthy() {
    GeneratorHealth g = healthAfter(new long[][] {{500, 300}, {2_000, 5}, {3_000, 120}});

    assertThat(g.gcPauses().count()).isEqualTo(2);
    assertThat(g.gcPauses().max()).isCloseTo(120, within(0.2));
    assertThat(g.healthy()).isFalse();
    assertThat(g.warnings())
        .singleElement()
        .satisfies(
            w ->
                assertThat(w)
                    .startsWith(
                        "garbage collection paused the generator 2 times (longest 120 ms,"));
  }

  @Test
  void shortRarePausesLeaveTheGeneratorHealthyButManyAddUp() {
    GeneratorHealth rare = healthAfter(new long[][] {{2_000, 5}, {5_000, 6}, {8_000, 4}});
    assertThat(rare.gcPauses().count()).isEqualTo(3);
    assertThat(rare.healthy()).isTrue();
    assertThat(rare.warnings()).isEmpty();

    // 3 x 40 ms in a 9 s window: no pause is long, but 1.3% of the time was paused.
    GeneratorHealth many = healthAfter(new long[][] {{2_000, 40}, {5_000, 40}, {8_000, 40}});
    assertThat(many.healthy()).isFalse();
    assertThat(many.warnings()).singleElement().asString().contains("1.3% of the measured time");
  }

  @Test
  void pausesMergedFromSeveralAgentsAreASharePerAgent() {
    long[][] pauses = {{2_000, 40}, {5_000, 40}, {8_000, 40}, {8_500, 40}};
    // Four 40 ms pauses in 9 s: 1.8% for one JVM, 0.9% each for two agents.
    assertThat(healthAfter(pauses, 1).healthy()).isFalse();
    assertThat(healthAfter(pauses, 2).healthy()).isTrue();
    GeneratorHealth three = healthAfter(new long[][] {{2_000, 60}, {5_000, 40}}, 3);
    assertThat(three.warnings())
        .singleElement()
        .asString()
        .contains("longest 60 ms, 0.4% of each agent's measured time");
  }

  /** A 10 s run with a 1 s warm-up and the given {observed ms, pause ms} collection pauses. */
  private static GeneratorHealth healthAfter(long[][] pauses) {
    return healthAfter(pauses, 1);
  }

  private static GeneratorHealth healthAfter(long[][] pauses, int jvms) {
    LoopRecorder loop = new LoopRecorder(Slo.NONE, 1_000 * MS);
    for (long[] p : pauses) {
      loop.recordGcPause(p[0] * MS, p[1] * MS);
    }
    RunAccumulator acc = new RunAccumulator(0, 1_000 * MS, 1.0);
    acc.accept(new MetricsCollector(List.of(loop)).collect(0, 10_000 * MS, Gauges.NONE));
    return acc.build(MetricsPipelineTest.info(9), Map.of(), 1, List.of(), "t", jvms).generator();
  }
}
