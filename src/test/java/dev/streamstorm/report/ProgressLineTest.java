package dev.streamstorm.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.Snapshots;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final long S = 1_000_000_000L;

  @Test
  void closedModelShowsEverythingAWatcherNeeds() {
    IntervalSnapshot s =
        new Snapshots()
            .millis(Metric.TTFT, 90, 200)
            .millis(Metric.TTFT, 10, 900)
            .millis(Metric.GENERATOR_LAG, 100, 25)
            .count(Counter.OK, 10)
            .count(Counter.TOKENS, 500)
            .errors(ErrorClass.HTTP_5XX, 1)
            .gauges(new Gauges(20, 15, 0, 0, 0, 2, 30, 40))
            .build(11 * S, 12 * S);
    String line =
        ProgressLine.render(
            s, new ProgressLine.Context(12 * S, 30 * S, 2, 3, false, 3, 200, false));
    assertThat(line)
        .isEqualTo(
            "12.0s (18.0s left) · stage 2/3 · 20 users · 15 streaming · 10.0 msg/s, 500.0 tok/s"
                + " · ttft p50 200 p95 900 ms · errors 3 (1.5%) +1 · ⚠ generator lag 25.0 ms");
  }

  @Test
  void openModelShowsTheArrivalRateAgainstItsTarget() {
    IntervalSnapshot s =
        new Snapshots()
            .count(Counter.OK, 38)
            .count(Counter.TOKENS, 760)
            .gauges(new Gauges(35, 30, 20, 38, 2, 0, 30, 40))
            .build(0, 2 * S);
    String line =
        ProgressLine.render(
            s, new ProgressLine.Context(65 * S, 120 * S, 0, 0, true, 0, 100, false));
    assertThat(line)
        .isEqualTo(
            "1m05s (55.0s left) · 20.0/s target, 19.0/s arriving, 2 dropped · 35 conversations"
                + " · 30 streaming · 19.0 msg/s, 380.0 tok/s · errors 0");
  }

  @Test
  void quietPartsStayOut() {
    IntervalSnapshot s =
        new Snapshots()
            .millis(Metric.GENERATOR_LAG, 100, 2)
            .gauges(new Gauges(5, 0, 0, 0, 0, 0, 1, 1))
            .build(0, S);
    String line =
        ProgressLine.render(
            s, new ProgressLine.Context(3 * S, Long.MAX_VALUE, 0, 0, false, 0, 0, false));
    assertThat(line)
        .isEqualTo("3.0s · 5 users · 0 streaming · 0.00 msg/s, 0.00 tok/s · errors 0")
        .doesNotContain("left")
        .doesNotContain("stage")
        .doesNotContain("ttft")
        .doesNotContain("⚠");
  }

  @Test
  void theWarmupSaysWhyNothingIsCountedYet() {
    IntervalSnapshot s = new Snapshots().gauges(new Gauges(20, 20, 0, 0, 0, 0, 50, 60)).build(0, S);
    String line =
        ProgressLine.render(s, new ProgressLine.Context(S, 20 * S, 0, 0, false, 0, 0, true));
    assertThat(line)
        .startsWith("1.0s (19.0s left) · warming up, not measured · 20 users · 20 streaming");
  }

  @Test
  void remainingTimeNeverGoesNegative() {
    IntervalSnapshot s = new Snapshots().build(0, S);
    String line =
        ProgressLine.render(s, new ProgressLine.Context(31 * S, 30 * S, 0, 0, false, 0, 0, false));
    assertThat(line).startsWith("31.0s (0.0s left)");
  }
}
