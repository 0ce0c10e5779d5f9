package dev.streamstorm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

  private static StepResult step(int streams, double lagP99, double errorP99, long failed) {
    return new StepResult(
        StepResult.STREAMSTORM,
        new Workload(Workload.Protocol.SSE, streams, 100, 200, 50),
        "epoll",
        new Cost(10, 1000, 100, 10, 5, 3, 2, 0, 10, 0, null),
        new Lag(1000, 0.1, lagP99, lagP99 * 2),
        new GcWindow.Stats(0, 0, 0, 0),
        new TtftError(500, errorP99 / 4, errorP99, errorP99 * 3, 0.01),
        1000,
        failed,
        1.0,
        50,
        50,
        null,
        1.5);
  }

  @Test
  void theHighestStepWithEveryStepBelowItAccurate() {
    Verdict v =
        Verdict.of(
            List.of(
                step(5_000, 9.0, 4.0, 0),
                step(100, 0.5, 0.2, 0),
                step(1_000, 2.0, 0.8, 0),
                step(10_000, 1.0, 0.5, 0)),
            5,
            1);

    assertThat(v.maxAccurateStreams()).isEqualTo(1_000);
    assertThat(v.limit()).isEqualTo("at 5,000 streams event-loop lag p99 was 9.00 ms > 5 ms");
    assertThat(v.passedAbove()).containsExactly(10_000);
    assertThat(v.sentence())
        .startsWith("this machine can drive 1,000 streams accurately")
        .contains("lag p99 <= 5 ms and first-token error p99 <= 1 ms")
        .contains("> 5 ms (above it 10,000 passed: not counted");
  }

  @Test
  void errorBoundAndFailuresCountToo() {
    assertThat(Verdict.of(List.of(step(100, 1, 1.5, 0)), 5, 1).limit())
        .isEqualTo("at 100 streams first-token error p99 was 1.500 ms > 1 ms");
    assertThat(Verdict.of(List.of(step(100, 1, 0.5, 3)), 5, 1).limit())
        .isEqualTo("at 100 streams 3 messages failed");
    assertThat(Verdict.of(List.of(step(100, 1, 0.5, 3)), 5, 1).maxAccurateStreams()).isZero();
    assertThat(Verdict.of(List.of(step(100, 1, 0.5, 3)), 5, 1).sentence())
        .startsWith("this machine cannot drive even the first step accurately")
        .endsWith("3 messages failed");
  }

  @Test
  void boundsAreInclusiveAndAllPassing() {
    Verdict v = Verdict.of(List.of(step(100, 5, 1, 0), step(500, 5, 1, 0)), 5, 1);

    assertThat(v.maxAccurateStreams()).isEqualTo(500);
    assertThat(v.limit()).isNull();
    assertThat(v.passedAbove()).isEmpty();
    assertThat(v.sentence()).endsWith("every step passed");
  }
}
