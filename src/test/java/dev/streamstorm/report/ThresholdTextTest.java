package dev.streamstorm.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.results.ThresholdResult;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdTextTest {

  @ParameterizedTest(name = "{0} {1} at {2} reads {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ttft      | p95 < 2s       | 2345.5  | 2,346 ms",
        "itl       | p99 < 150ms    | 12.345  | 12.3 ms",
        "ttft      | count > 10     | 42      | 42",
        "errors    | rate < 1%      | 0.0005  | 0.05%",
        "errors    | rate < 1%      | 0.25    | 25.0%",
        "errors    | rate < 1%      | 0       | 0.0%",
        "http_5xx  | count == 0     | 3       | 3",
        "goodput   | ratio > 0.95   | 0.9712  | 97.1%",
        "goodput   | rate > 10/s    | 12.5    | 12.5/s",
        "messages  | rate > 20/s    | 19.25   | 19.3/s",
        "tokens    | mean > 20      | 37.5    | 37.5",
        "llm_calls | max <= 3       | 4       | 4",
        "ttft      | p95 ~ 2s       | 2345.5  | 2,345.5",
        "ttft      | p95 < 2s       | NaN     | nothing",
      })
  void measuredValueInTheRulesUnit(
      String metric, String expression, double actual, String expected) {
    ThresholdResult t = new ThresholdResult(metric, Map.of(), expression, actual, false, false);
    assertThat(ThresholdText.measured(t)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ttft p95 < 2s                                 | ",
        "ttft{conversation:simple} p95 < 2s            | simple",
      })
  void ruleAsWritten(String expected, String conversation) {
    Map<String, String> tags =
        conversation == null ? Map.of() : Map.of("conversation", conversation);
    ThresholdResult t = new ThresholdResult("ttft", tags, "p95 < 2s", 1, true, false);
    assertThat(ThresholdText.rule(t)).isEqualTo(expected.strip());
  }
}
