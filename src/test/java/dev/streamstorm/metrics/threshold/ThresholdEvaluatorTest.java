package dev.streamstorm.metrics.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.FakeMetricsView;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdEvaluatorTest {

  /** 100 ttft samples of 1..100 ms overall; conversation a: 10 ms each; a's turn 2: 500 ms. */
  private final FakeMetricsView view =
      new FakeMetricsView()
          .millis(Metric.TTFT, Tag.ALL, range(1, 100))
          .millis(Metric.TTFT, Tag.conversation("a"), 10, 10, 10)
          .millis(Metric.TTFT, Tag.turn("a", 2), 500)
          .values("tokens", Tag.ALL, 10, 20, 30)
          .values("usage.llm_calls", Tag.ALL, 1, 1, 4)
          .count(Tag.ALL, Counter.OK, 90)
          .count(Tag.ALL, Counter.FAILED, 10)
          .count(Tag.ALL, Counter.GOOD, 72)
          .errors(Tag.ALL, ErrorClass.HTTP_5XX, 6)
          .errors(Tag.ALL, ErrorClass.TIMEOUT, 4)
          .count(Tag.conversation("a"), Counter.OK, 3)
          .count(Tag.conversation("a"), Counter.FAILED, 1)
          .count(Tag.conversation("a"), Counter.GOOD, 3)
          .errors(Tag.conversation("a"), ErrorClass.TIMEOUT, 1)
          .seconds(20);

  @ParameterizedTest(name = "{0} {1} measures {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ttft                          | p50 < 1s      | 50",
        "ttft                          | p95 < 1s      | 95",
        "ttft                          | p(99.9) < 1s  | 100",
        "ttft                          | min < 1s      | 1",
        "ttft                          | max < 1s      | 100",
        "ttft                          | mean < 1s     | 50.5",
        "ttft                          | count > 0     | 100",
        "ttft{conversation:a}          | p95 < 1s      | 10",
        "ttft{conversation:a,turn:2}   | p95 < 1s      | 500",
        "ttft{conversation:a}          | count > 0     | 3",
        "tokens                        | mean > 1      | 20",
        "tokens                        | max < 100     | 30",
        "llm_calls                     | p50 <= 3      | 1",
        "llm_calls                     | max <= 3      | 4",
        "errors                        | count == 0    | 10",
        "errors                        | rate < 1%     | 0.1",
        "http_5xx                      | count == 0    | 6",
        "http_5xx                      | rate < 1%     | 0.06",
        "timeout                       | rate < 1%     | 0.04",
        "errors{conversation:a}        | rate < 1%     | 0.25",
        "timeout{conversation:a}       | count < 1     | 1",
        "messages                      | count > 1     | 100",
        "messages                      | rate > 1      | 5",
        "messages{conversation:a}      | rate > 1      | 0.2",
        "goodput                       | ratio > 0.9   | 0.72",
        "goodput                       | rate > 1      | 3.6",
        "goodput{conversation:a}       | ratio > 0.9   | 0.75",
      })
  void measuresEveryKindOfMetricInTheRulesUnit(String key, String expression, double expected) {
    Threshold t = ThresholdParser.parse(key, expression);
    double measured = ThresholdEvaluator.measure(t, view);
    // Three significant digits of HdrHistogram: 0.1% of the value.
    assertThat(measured).isCloseTo(expected, within(Math.max(expected * 0.001, 1e-9)));
  }

  @Test
  void verdictFollowsTheOperatorAndLimit() {
    assertThat(pass("ttft", "p95 < 96ms")).isTrue();
    assertThat(pass("ttft", "p95 < 95ms")).isFalse();
    // HdrHistogram reports the highest value equivalent to 95 ms at 3 digits: 95.031 ms.
    assertThat(pass("ttft", "p95 <= 95.1ms")).isTrue();
    assertThat(pass("ttft", "p95 > 95ms")).isTrue();
    assertThat(pass("errors", "rate < 11%")).isTrue();
    assertThat(pass("errors", "rate < 10%")).isFalse();
    assertThat(pass("http_5xx", "count == 0")).isFalse();
    assertThat(pass("connect", "count == 0")).isTrue();
    assertThat(pass("goodput", "ratio >= 72%")).isTrue();
    assertThat(pass("goodput", "ratio > 0.72")).isFalse();
    assertThat(pass("messages", "rate >= 300/m")).isTrue();
  }

  @Test
  void nothingMeasuredIsNaNAndNeverPasses() {
    FakeMetricsView empty = new FakeMetricsView();
    for (String[] rule :
        new String[][] {
          {"ttft", "p95 < 1s"},
          {"ttft", "mean > 0"},
          {"tokens", "max < 10"},
          {"errors", "rate < 1%"},
          {"goodput", "ratio > 0.5"},
          {"ttft{conversation:nobody}", "p95 < 1s"},
        }) {
      Threshold t = ThresholdParser.parse(rule[0], rule[1]);
      double measured = ThresholdEvaluator.measure(t, empty);
      assertThat(measured).as(rule[0] + " " + rule[1]).isNaN();
      assertThat(ThresholdEvaluator.passes(t, measured)).isFalse();
    }
  }

  @Test
  void aRunWithoutCollectionPausesMeasuresNoPauseNotNothing() {
    FakeMetricsView empty = new FakeMetricsView();
    Threshold t = ThresholdParser.parse("generator_gc", "max < 50ms");
    assertThat(ThresholdEvaluator.measure(t, empty)).isZero();
    assertThat(ThresholdEvaluator.passes(t, 0)).isTrue();
  }

  @Test
  void countsOfNothingAreZeroAndCanPass() {
    FakeMetricsView empty = new FakeMetricsView();
    Threshold t = ThresholdParser.parse("http_5xx", "count == 0");
    assertThat(ThresholdEvaluator.measure(t, empty)).isZero();
    assertThat(ThresholdEvaluator.passes(t, 0)).isTrue();
    assertThat(ThresholdEvaluator.measure(ThresholdParser.parse("ttft", "count > 0"), empty))
        .isZero();
  }

  @ParameterizedTest(name = "{0} {1} failing at {2}: could still pass = {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // counts only grow: a broken upper bound stays broken, a lower bound can still be reached
        "http_5xx | count == 0   | 1    | false",
        "http_5xx | count < 3    | 3    | false",
        "http_5xx | count <= 3   | 4    | false",
        "messages | count > 100  | 50   | true",
        "messages | count >= 100 | 50   | true",
        "messages | count == 100 | 50   | true",
        "messages | count == 100 | 150  | false",
        "messages | count != 100 | 100  | true",
        // maxima only grow
        "ttft     | max < 2s     | 2500 | false",
        "ttft     | max > 2s     | 1500 | true",
        "ttft     | max == 2s    | 1500 | true",
        "ttft     | max == 2s    | 2500 | false",
        // minima only shrink
        "ttft     | min > 100ms  | 50   | false",
        "ttft     | min < 100ms  | 150  | true",
        "ttft     | min == 100ms | 150  | true",
        "ttft     | min == 100ms | 50   | false",
        // the rest moves either way: failing now counts as failing (k6's abortOnFail)
        "ttft     | p95 < 1s     | 1500 | false",
        "ttft     | mean < 1s    | 1500 | false",
        "errors   | rate < 1%    | 0.02 | false",
        "goodput  | ratio > 0.95 | 0.5  | false",
        "messages | rate > 10/s  | 5    | false",
      })
  void couldStillPassOnlyWhereMoreMessagesCanMendIt(
      String key, String expression, double measured, boolean expected) {
    Threshold t = ThresholdParser.parse(key, expression);
    assertThat(t.passes(measured)).as("the case must be failing now").isFalse();
    assertThat(ThresholdEvaluator.couldStillPass(t, measured)).isEqualTo(expected);
  }

  @Test
  void passingOrUnmeasuredCanAlwaysStillPass() {
    Threshold t = ThresholdParser.parse("ttft", "p95 < 1s");
    assertThat(ThresholdEvaluator.couldStillPass(t, 500)).isTrue();
    assertThat(ThresholdEvaluator.couldStillPass(t, Double.NaN)).isTrue();
  }

  private boolean pass(String key, String expression) {
    Threshold t = ThresholdParser.parse(key, expression);
    return ThresholdEvaluator.passes(t, ThresholdEvaluator.measure(t, view));
  }

  private static long[] range(int from, int to) {
    long[] v = new long[to - from + 1];
    for (int i = 0; i < v.length; i++) {
      v[i] = from + i;
    }
    return v;
  }
}
