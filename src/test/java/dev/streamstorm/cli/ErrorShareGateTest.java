package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamstorm.metrics.results.MessageCounts;
import dev.streamstorm.scenario.Scenario;
import org.junit.jupiter.api.Test;

class ErrorShareGateTest {
  private static MessageCounts counts(long ok, long failed) {
    return new MessageCounts(ok + failed, ok, failed, 0, 0, 0, 0);
  }

  @Test
  void theDefaultFailsOnlyARunInWhichEveryMessageFailed() {
    assertThat(ErrorShareGate.verdict(Scenario.EXIT_ON_ALL_ERRORS, counts(1, 999))).isEmpty();
    assertThat(ErrorShareGate.verdict(Scenario.EXIT_ON_ALL_ERRORS, counts(0, 3)))
        .hasValueSatisfying(m -> assertThat(m).startsWith("every message failed (3 of 3)"));
    assertThat(ErrorShareGate.verdict(Scenario.EXIT_ON_ALL_ERRORS, counts(0, 0))).isEmpty();
  }

  @Test
  void aShareFailsTheRunFromItsValueUp() {
    double half = ErrorShareGate.parse("50%");
    assertThat(ErrorShareGate.verdict(half, counts(51, 49))).isEmpty();
    assertThat(ErrorShareGate.verdict(half, counts(50, 50)))
        .hasValueSatisfying(
            m -> assertThat(m).startsWith("50% of messages failed (50 of 100)").contains("(50%"));
    assertThat(ErrorShareGate.verdict(ErrorShareGate.parse("off"), counts(0, 10))).isEmpty();
    assertThat(ErrorShareGate.parse("0.05")).isEqualTo(0.05);
  }

  @Test
  void aShareOutsideItsRangeIsAUsageError() {
    for (String bad : new String[] {"0", "0%", "101%", "-1", "half", ""}) {
      assertThatThrownBy(() -> ErrorShareGate.parse(bad))
          .as(bad)
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("--exit-on-errors");
    }
  }
}
