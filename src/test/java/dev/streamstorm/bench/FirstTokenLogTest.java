package dev.streamstorm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.CountSource;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.MessageOutcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirstTokenLogTest {

  private static MessageOutcome outcome(int vu, long iteration, long firstTokenNs, ErrorClass e) {
    return MessageOutcome.builder()
        .message(vu, "bench", 1, iteration)
        .starts(0, 0, 0)
        .firstByteNs(5)
        .firstTokenNs(firstTokenNs)
        .endNs(10)
        .chunks(3)
        .tokens(3, CountSource.CHUNKS)
        .error(e, null)
        .attempts(1, 0)
        .reconnects(0)
        .usage(Map.of())
        .build();
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
