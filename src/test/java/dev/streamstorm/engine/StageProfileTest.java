package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.scenario.LoadSpec.Stage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageProfileTest {
  private static final long S = 1_000_000_000L;

  /** k6's example: 1m→10, 3m→50, 1m→100, 1m→0. */
  private final StageProfile k6 =
      new StageProfile(
          0,
          List.of(
              new Stage(Duration.ofMinutes(1), 10),
              new Stage(Duration.ofMinutes(3), 50),
              new Stage(Duration.ofMinutes(1), 100),
              new Stage(Duration.ofMinutes(1), 0)));

  @Test
  void levelMovesLinearlyWithinEachStage() {
    assertThat(k6.levelAt(0)).isEqualTo(0);
    assertThat(k6.levelAt(30 * S)).isCloseTo(5, within(1e-9));
    assertThat(k6.levelAt(60 * S)).isCloseTo(10, within(1e-9));
    assertThat(k6.levelAt(150 * S)).isCloseTo(30, within(1e-9));
    assertThat(k6.levelAt(270 * S)).isCloseTo(75, within(1e-9));
    assertThat(k6.levelAt(330 * S)).isCloseTo(50, within(1e-9));
  }

  @Test
  void levelHoldsTheLastTargetAfterTheStages() {
    assertThat(k6.levelAt(360 * S)).isEqualTo(0);
    assertThat(k6.levelAt(1000 * S)).isEqualTo(0);
    assertThat(new StageProfile(0, List.of(new Stage(Duration.ofSeconds(10), 7))).levelAt(99 * S))
        .isEqualTo(7);
  }

  @Test
  void stagesAreNumberedFromOne() {
    assertThat(k6.stageAt(0)).isEqualTo(1);
    assertThat(k6.stageAt(61 * S)).isEqualTo(2);
    assertThat(k6.stageAt(299 * S)).isEqualTo(3);
    assertThat(k6.stageAt(301 * S)).isEqualTo(4);
    assertThat(k6.stageAt(500 * S)).isEqualTo(4);
    assertThat(k6.totalNs()).isEqualTo(360 * S);
    assertThat(StageProfile.constant(5).stageAt(10 * S)).isZero();
  }

  @Test
  void integralIsTheAreaUnderTheLevel() {
    // 0→10 over 60 s: 300; 10→50 over 180 s: 5400; 50→100 over 60 s: 4500; 100→0 over 60 s: 3000.
    assertThat(k6.integralAt(60 * S)).isCloseTo(300, within(1e-6));
    assertThat(k6.integralAt(240 * S)).isCloseTo(5700, within(1e-6));
    assertThat(k6.integralAt(360 * S)).isCloseTo(13200, within(1e-6));
    assertThat(StageProfile.constant(20).integralAt(3 * S)).isCloseTo(60, within(1e-9));
  }

  @Test
  void inverseIntegralUndoesTheIntegral() {
    for (double x : new double[] {0.5, 1, 299, 300, 301, 5000, 9000, 13199}) {
      long t = k6.inverseIntegral(x);
      assertThat(k6.integralAt(t)).as("x=%s", x).isCloseTo(x, within(1e-3));
    }
  }

  @Test
  void inverseIntegralIsInfiniteWhenTheLevelStaysAtZero() {
    assertThat(k6.inverseIntegral(20_000)).isEqualTo(Long.MAX_VALUE);
  }
}
