package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.RunAccumulator;
import dev.streamstorm.metrics.SeriesKey;
import dev.streamstorm.metrics.Tag;
import dev.streamstorm.metrics.results.ThresholdResult;
import dev.streamstorm.metrics.threshold.ThresholdParser;
import dev.streamstorm.scenario.ThresholdSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Thresholds can require a healthy generator: its CPU per interval, outside the warm-up. */
class GeneratorThresholdTest {
  private static final long S = 1_000_000_000L;

  private static ThresholdSpec spec(String key, String expression) {
    return new ThresholdSpec(
        key, expression, false, Duration.ZERO, 1, 1, ThresholdParser.parse(key, expression));
  }

  private static IntervalSnapshot interval(int i, double cpu, double busiestLoop) {
    return new IntervalSnapshot(
        i, i * S, (i + 1) * S, Map.of(), Map.of(), new Gauges(0, 0, 0, 0, 0, 0, cpu, busiestLoop));
  }

  @Test
  void generatorLagGatesInMilliseconds() {
    Histogram lagMicros = new Histogram(3);
    for (int i = 0; i < 98; i++) {
      lagMicros.recordValue(300);
    }
    lagMicros.recordValue(7_000);
    lagMicros.recordValue(9_000);
    RunAccumulator acc = new RunAccumulator(0, 0, 1.0);
    acc.accept(
        new IntervalSnapshot(
            0,
            0,
            S,
            Map.of(SeriesKey.of(Metric.GENERATOR_LAG, Tag.ALL), lagMicros),
            Map.of(),
            Gauges.NONE));

    List<ThresholdResult> r =
        ThresholdCheck.evaluate(
            List.of(spec("generator_lag", "p99 < 5ms"), spec("generator_lag", "p50 < 1ms")),
            acc,
            Set.of());

    assertThat(r.get(0).pass()).isFalse();
    assertThat(r.get(0).actual()).isGreaterThan(5.0);
    assertThat(r.get(1).pass()).isTrue();
  }

  @Test
  void generatorCpuAndBusiestLoopCpuAreOneSamplePerMeasuredInterval() {
    RunAccumulator acc = new RunAccumulator(0, 2 * S, 1.0);
    acc.accept(interval(0, 99, 100)); // warm-up: not counted
    acc.accept(interval(1, 99, 100)); // ends at the warm-up's end: not counted
    acc.accept(interval(2, 40, 70));
    acc.accept(interval(3, 50, 95));

    List<ThresholdResult> r =
        ThresholdCheck.evaluate(
            List.of(
                spec("generator_cpu", "max < 60"),
                spec("generator_loop_cpu", "max < 90"),
                spec("generator_loop_cpu", "count == 2")),
            acc,
            Set.of());

    assertThat(r.get(0).pass()).isTrue();
    assertThat(r.get(0).actual()).isEqualTo(50.0);
    assertThat(r.get(1).pass()).isFalse();
    assertThat(r.get(1).actual()).isEqualTo(95.0);
    assertThat(r.get(2).pass()).isTrue();
  }
}
