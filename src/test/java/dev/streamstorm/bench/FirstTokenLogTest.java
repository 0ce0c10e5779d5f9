package dev.streamstorm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.MessageOutcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirstTokenLogTest {

  private static MessageOutcome outcome(int vu, long iteration, long firstTokenNs, ErrorClass e) {
    return new MessageOutcome(
        vu, "bench", 1, iteration, 0, 0, 0, 5, firstTokenNs, 10, 3, -1, e, null, 1, 0, 0, Map.of());
  }

  @Test
  void keepsTheNewestSuccessfulMessagesUnderTheIdTheScenarioSends() {
    FirstTokenLog log = new FirstTokenLog("b3", 2);

    log.onMessage(outcome(1, 1, 100, null), 0);
    log.onMessage(outcome(2, 1, MessageOutcome.NONE, null), 0);
    log.onMessage(outcome(3, 1, 300, ErrorClass.TIMEOUT), 0);
    log.onMessage(outcome(1, 2, 400, null), 0);
    log.onMessage(outcome(7, 9, 500, null), 0);

    assertThat(log.entries())
        .containsExactlyInAnyOrder(
            new FirstTokenLog.Entry("b3-1-2-1", 400), new FirstTokenLog.Entry("b3-7-9-1", 500));
    assertThat(FirstTokenLog.requestIdTemplate("b3")).isEqualTo("b3-${vu}-${iteration}-${turn}");
  }
}
