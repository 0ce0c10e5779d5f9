package dev.streamstorm.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ComparedMetric.Better;
import dev.streamstorm.report.ComparedMetric.Unit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComparedMetricTest {

  private final RunResults doc =
      new ResultsFixture()
          .messages(990, 10)
          .error("http_5xx", 6)
          .error("timeout", 4)
          .latency("ttft", 990, 200, 250, 300)
          .latency("e2e", 990, 1000, 1500, 2000)
          .latency("tpot", 0, 0, 0, 0)
          .usage("llm_calls", 1.5)
          .throughput(49.5, 990.25)
          .goodput(0.97, 48.0)
          .conversation("simple", 240)
          .conversation("v1.support", 400)
          .build();

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ttft.p50                          | 200     | LOWER  | MILLISECONDS",
        "ttft.p95                          | 250     | LOWER  | MILLISECONDS",
        "metrics.ttft.p95                  | 250     | LOWER  | MILLISECONDS",
        "e2e.p99                           | 2000    | LOWER  | MILLISECONDS",
        "e2e.p99.9                         | 2000    | LOWER  | MILLISECONDS",
        "e2e.p999                          | 2000    | LOWER  | MILLISECONDS",
        "e2e.max                           | 2000    | LOWER  | MILLISECONDS",
        "ttft.count                        | 990     | HIGHER | NUMBER",
        "tpot.count                        | 0       | HIGHER | NUMBER",
        "errors.rate                       | 0.01    | LOWER  | FRACTION",
        "errors.count                      | 10      | LOWER  | NUMBER",
        "errors.http_5xx                   | 6       | LOWER  | NUMBER",
        "errors.timeout.rate               | 0.004   | LOWER  | FRACTION",
        "errors.http_429                   | 0       | LOWER  | NUMBER",
        "messages.total                    | 1000    | HIGHER | NUMBER",
        "messages.ok                       | 990     | HIGHER | NUMBER",
        "messages.failed                   | 10      | LOWER  | NUMBER",
        "throughput.messagesPerSecond      | 49.5    | HIGHER | PER_SECOND",
        "throughput.tokensPerSecond        | 990.25  | HIGHER | PER_SECOND",
        "goodput.ratio                     | 0.97    | HIGHER | FRACTION",
        "goodput.perSecond                 | 48      | HIGHER | PER_SECOND",
        "usage.llm_calls.mean              | 1.5     | LOWER  | NUMBER",
        "byConversation.simple.ttft.p95    | 240     | LOWER  | MILLISECONDS",
        "byConversation.v1.support.ttft.p95| 400     | LOWER  | MILLISECONDS",
        "byConversation.simple.messages.ok | 990     | HIGHER | NUMBER",
      })
  void namesFollowTheDocumentAndKnowWhichWayIsWorse(
      String name, double value, Better better, Unit unit) {
    ComparedMetric p = ComparedMetric.parse(name, List.of(doc));
    assertThat(p.valueIn(doc)).isCloseTo(value, within(1e-9));
    assertThat(p.better()).isEqualTo(better);
    assertThat(p.unit()).isEqualTo(unit);
    assertThat(p.name()).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "tpot.p95",
        "itl.p95",
        "usage.tool_calls.mean",
        "byConversation.simple.e2e.p95",
        "byConversation.simple.goodput.ratio"
      })
  void aNameTheDocumentHasNoValueForIsNaN(String name) {
    assertThat(ComparedMetric.parse(name, List.of(doc)).valueIn(doc)).isNaN();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ttft.p96                       | unknown metric 'ttft.p96'; e.g. ttft.p95",
        "ttft                           | unknown metric 'ttft'; e.g.",
        "latency.p95                    | unknown metric 'latency.p95'; e.g.",
        "errors.nope                    | unknown metric 'errors.nope'",
        "errors.rates                   | unknown metric 'errors.rates'",
        "throughput.bytesPerSecond      | unknown metric 'throughput.bytesPerSecond'",
        "messages.lost                  | unknown metric 'messages.lost'",
        "goodput.fraction               | unknown metric 'goodput.fraction'",
        "usage.llm_calls                | unknown metric 'usage.llm_calls'",
        "byConversation.nope.ttft.p95   | unknown metric 'byConversation.nope.ttft.p95': no conversation of that name in either results file (they have: simple, v1.support)",
        "byConversation.simple.ttft.p96 | unknown metric 'byConversation.simple.ttft.p96'",
        "byTurn.simple#1.ttft.p95       | unknown metric 'byTurn.simple#1.ttft.p95': no turn of that name",
      })
  void unknownNamesSayWhatWasExpected(String name, String message) {
    assertThatThrownBy(() -> ComparedMetric.parse(name, List.of(doc)))
        .isInstanceOf(ComparedMetric.UnknownMetricException.class)
        .hasMessageStartingWith(message);
  }
}
