package dev.streamstorm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StepWarmupTest {

  /** Calibrate's paced workload: 9.9 s per message. */
  private static Workload paced(int streams) {
    return new Workload(Workload.Protocol.SSE, streams, 100, 200, 50);
  }

  @Test
  void adaptsAPacedStepToAboutSixThousandMessagesBetweenFifteenAndSixtySeconds() {
    StepWarmup adaptive = StepWarmup.adaptive();

    // 100 and 1,000 streams send 10 and 101 messages/s: 6,000 take longer than the cap.
    assertThat(adaptive.pacedSeconds(paced(100))).isEqualTo(60);
    assertThat(adaptive.pacedSeconds(paced(1_000))).isEqualTo(60);
    // 2,000 streams: 202 messages/s, 29.7 s rounded up.
    assertThat(adaptive.pacedSeconds(paced(2_000))).isEqualTo(30);
    // 5,000 and 10,000: 12 and 6 s, raised to the floor.
    assertThat(adaptive.pacedSeconds(paced(5_000))).isEqualTo(15);
    assertThat(adaptive.pacedSeconds(paced(10_000))).isEqualTo(15);
  }

  @Test
  void theCostRunKeepsFifteenSecondsUnlessGiven() {
    assertThat(StepWarmup.adaptive().costSeconds()).isEqualTo(15);
    assertThat(StepWarmup.fixed(1).costSeconds()).isEqualTo(1);
    assertThat(StepWarmup.fixed(0).costSeconds()).isZero();
  }

  @Test
  void aGivenTimeIsUsedAsGivenButAPacedStepWaitsForOneMessage() {
    assertThat(StepWarmup.fixed(90).pacedSeconds(paced(1_000))).isEqualTo(90);
    assertThat(StepWarmup.fixed(30).pacedSeconds(paced(10_000))).isEqualTo(30);
    // Every stream has sent once before the window: 9.9 s rounded up.
    assertThat(StepWarmup.fixed(0).pacedSeconds(paced(1_000))).isEqualTo(10);
  }

  @Test
  void refusesANegativeTime() {
    assertThatThrownBy(() -> StepWarmup.fixed(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
