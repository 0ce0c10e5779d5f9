package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.FakeMetricsView;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.Tag;
import dev.streamstorm.metrics.results.ThresholdResult;
import dev.streamstorm.metrics.threshold.ThresholdParser;
import dev.streamstorm.scenario.ThresholdSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThresholdCheckTest {
  private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

  private static ThresholdSpec spec(String key, String expression, boolean abort, Duration grace) {
    return new ThresholdSpec(
        key, expression, abort, grace, 1, 1, ThresholdParser.parse(key, expression));
  }

  @Test
  void evaluatesEveryThresholdWithItsMeasuredValue() {
    FakeMetricsView view =
        new FakeMetricsView()
            .millis(Metric.TTFT, Tag.ALL, 100, 200, 300)
            .count(Tag.ALL, Counter.OK, 3)
            .millis(Metric.TTFT, Tag.conversation("a"), 900);
    ThresholdSpec fast = spec("ttft", "p50 < 250ms", false, Duration.ZERO);
    ThresholdSpec slowA = spec("ttft{conversation:a}", "p95 < 500ms", false, Duration.ZERO);
    ThresholdSpec none = spec("ttft{conversation:b}", "p95 < 500ms", false, Duration.ZERO);
    List<ThresholdResult> r = ThresholdCheck.evaluate(List.of(fast, slowA, none), view, Set.of());
    assertThat(r.get(0))
        .isEqualTo(new ThresholdResult("ttft", Map.of(), "p50 < 250ms", 200.063, true, false));
    assertThat(r.get(1).pass()).isFalse();
    assertThat(r.get(1).tags()).containsEntry("conversation", "a");
    assertThat(r.get(1).actual()).isEqualTo(900.095);
    assertThat(r.get(2).actual()).isNaN();
    assertThat(r.get(2).pass()).isFalse();
  }

  @Test
  void aThresholdThatAbortedTheRunFailsWhateverItsFinalValue() {
    FakeMetricsView view = new FakeMetricsView().millis(Metric.TTFT, Tag.ALL, 100);
    ThresholdSpec t = spec("ttft", "p95 < 1s", true, Duration.ZERO);
    ThresholdResult r = ThresholdCheck.evaluate(List.of(t), view, Set.of(t)).get(0);
    assertThat(r.aborted()).isTrue();
    assertThat(r.pass()).isFalse();
    assertThat(r.actual()).isEqualTo(100.031);
  }

  @Test
  void abortWaitsForEvidence() {
    ThresholdSpec t = spec("ttft", "p95 < 1s", true, Duration.ZERO);
    assertThat(ThresholdCheck.failsNow(t, new FakeMetricsView(), 5 * SECOND_NS)).isFalse();
    FakeMetricsView slow = new FakeMetricsView().millis(Metric.TTFT, Tag.ALL, 2000);
    assertThat(ThresholdCheck.failsNow(t, slow, 5 * SECOND_NS)).isTrue();
    FakeMetricsView fast = new FakeMetricsView().millis(Metric.TTFT, Tag.ALL, 200);
    assertThat(ThresholdCheck.failsNow(t, fast, 5 * SECOND_NS)).isFalse();
  }

  @Test
  void abortWaitsForTheGraceDelayAndOnlyForAbortOnFail() {
    FakeMetricsView slow = new FakeMetricsView().millis(Metric.TTFT, Tag.ALL, 2000);
    ThresholdSpec graced = spec("ttft", "p95 < 1s", true, Duration.ofSeconds(10));
    assertThat(ThresholdCheck.failsNow(graced, slow, 10 * SECOND_NS - 1)).isFalse();
    assertThat(ThresholdCheck.failsNow(graced, slow, 10 * SECOND_NS)).isTrue();
    ThresholdSpec plain = spec("ttft", "p95 < 1s", false, Duration.ZERO);
    assertThat(ThresholdCheck.failsNow(plain, slow, 60 * SECOND_NS)).isFalse();
  }

  @Test
  void abortOnlyWhenTheThresholdCanNoLongerPass() {
    FakeMetricsView view =
        new FakeMetricsView()
            .count(Tag.ALL, Counter.OK, 10)
            .errors(Tag.ALL, ErrorClass.HTTP_5XX, 1);
    long at = 5 * SECOND_NS;
    assertThat(
            ThresholdCheck.failsNow(spec("http_5xx", "count == 0", true, Duration.ZERO), view, at))
        .isTrue();
    assertThat(
            ThresholdCheck.failsNow(
                spec("messages", "count >= 100", true, Duration.ZERO), view, at))
        .isFalse();
  }
}
