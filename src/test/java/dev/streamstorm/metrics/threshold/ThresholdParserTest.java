package dev.streamstorm.metrics.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.metrics.threshold.ThresholdSyntaxException.Part;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdParserTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "p95 < 2s    | LT",
        "p95 <= 2s   | LE",
        "p95 > 2s    | GT",
        "p95 >= 2s   | GE",
        "p95 == 2s   | EQ",
        "p95 != 2s   | NE",
        "p95<2s      | LT",
        "p95<=2s     | LE",
        "p95>2s      | GT",
        "p95>=2s     | GE",
        "p95==2s     | EQ",
        "p95!=2s     | NE",
      })
  void everyOperator(String expression, Op op) {
    Threshold t = ThresholdParser.parse("ttft", expression);
    assertThat(t.op()).isEqualTo(op);
    assertThat(t.value()).isEqualTo(2000.0);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ttft    | p50 < 1       | PERCENTILE | 50",
        "ttft    | p90 < 1       | PERCENTILE | 90",
        "ttft    | p95 < 1       | PERCENTILE | 95",
        "ttft    | p99 < 1       | PERCENTILE | 99",
        "ttft    | p99.9 < 1     | PERCENTILE | 99.9",
        "ttft    | p(95) < 1     | PERCENTILE | 95",
        "ttft    | p( 99.9 ) < 1 | PERCENTILE | 99.9",
        "ttft    | p100 < 1      | PERCENTILE | 100",
        "ttft    | min < 1       | MIN        | 0",
        "ttft    | max < 1       | MAX        | 0",
        "ttft    | mean < 1      | MEAN       | 0",
        "ttft    | avg < 1       | MEAN       | 0",
        "ttft    | count > 1     | COUNT      | 0",
        "errors  | rate < 1      | RATE       | 0",
        "errors  | count < 1     | COUNT      | 0",
        "goodput | ratio > 1     | RATIO      | 0",
        "goodput | rate > 1      | RATE       | 0",
        "messages| rate > 1      | RATE       | 0",
        "messages| count > 1     | COUNT      | 0",
        "tokens  | p95 < 1       | PERCENTILE | 95",
      })
  void everyAggregate(String metric, String expression, Aggregate.Kind kind, double percentile) {
    Aggregate a = ThresholdParser.parse(metric, expression).aggregate();
    assertThat(a.kind()).isEqualTo(kind);
    assertThat(a.percentile()).isEqualTo(percentile);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // times normalise to milliseconds; a bare number is milliseconds
        "ttft          | p95 < 2s          | 2000",
        "ttft          | p95 < 1.5s        | 1500",
        "ttft          | p95 < 500ms       | 500",
        "ttft          | p95 < 150         | 150",
        "itl           | p99 < 250us       | 0.25",
        "itl           | p99 < 250µs       | 0.25",
        "e2e           | max < 2m          | 120000",
        "tpot          | mean < .5ms       | 0.5",
        "ttfb          | min >= 0          | 0",
        "ttft_service  | p95 < 1s          | 1000",
        "e2e_service   | p95 < 1s          | 1000",
        "think_time    | mean < 3s         | 3000",
        "generator_lag | p99 < 20ms        | 20",
        "ttft          | count >= 100      | 100",
        // rates of errors: fractions, % divided by 100
        "errors        | rate < 1%         | 0.01",
        "errors        | rate < 0.05       | 0.05",
        "http_429      | rate <= 10%       | 0.1",
        "http_5xx      | count == 0        | 0",
        "timeout_first_token | count < 3   | 3",
        "stream_broken | rate < 0.5%       | 0.005",
        // goodput: ratio is a fraction, rate per second
        "goodput       | ratio > 0.95      | 0.95",
        "goodput       | ratio > 95%       | 0.95",
        "goodput       | rate >= 10        | 10",
        "goodput       | rate >= 10/s      | 10",
        "messages      | rate > 20/s       | 20",
        "messages      | rate > 1200/m     | 20",
        "messages      | rate > 7200/h     | 2",
        "messages      | count >= 500      | 500",
        // plain numbers: tokens and usage names
        "tokens        | p95 < 500         | 500",
        "llm_calls     | mean <= 3         | 3",
        "tool_calls    | max < 2.5         | 2.5",
      })
  void everyUnitNormalises(String metric, String expression, double expected) {
    assertThat(ThresholdParser.parse(metric, expression).value()).isCloseTo(expected, within(1e-9));
  }

  @Test
  void tagsForConversationTurnAndBoth() {
    assertThat(ThresholdParser.parse("ttft{conversation:multi_turn}", "p95 < 3s").tags())
        .containsExactly(Map.entry("conversation", "multi_turn"));
    assertThat(ThresholdParser.parse("ttft{turn:2}", "p95 < 3s").tags())
        .containsExactly(Map.entry("turn", "2"));
    Threshold both = ThresholdParser.parse("e2e{conversation:x,turn:2}", "p95 < 3s");
    assertThat(both.metric()).isEqualTo("e2e");
    assertThat(both.tags()).containsExactly(Map.entry("conversation", "x"), Map.entry("turn", "2"));
    assertThat(ThresholdParser.parse(" ttft{ turn : 3 , conversation : a.b-c } ", "p95<1").tags())
        .containsExactly(Map.entry("turn", "3"), Map.entry("conversation", "a.b-c"));
    assertThat(ThresholdParser.parse("errors{conversation:x}", "rate < 1%").tags())
        .containsEntry("conversation", "x");
    assertThat(ThresholdParser.parse("ttft", "p95 < 1").tags()).isEmpty();
  }

  @Test
  void scenarioFormKeepsTheRuleAsWrittenAsSource() {
    Threshold t = ThresholdParser.parse("ttft{conversation:x}", "  p95 < 2s ");
    assertThat(t.source()).isEqualTo("ttft{conversation:x} p95 < 2s");
  }

  @Test
  void flagFormHoldsKeyAndComparison() {
    Threshold t = ThresholdParser.parseFlag("ttft p95 < 2s");
    assertThat(t)
        .isEqualTo(
            new Threshold(
                "ttft", Map.of(), Aggregate.percentile(95), Op.LT, 2000, "ttft p95 < 2s"));
    Threshold tagged = ThresholdParser.parseFlag("ttft{conversation:x} p99<4s");
    assertThat(tagged.tags()).containsExactly(Map.entry("conversation", "x"));
    assertThat(tagged.aggregate()).isEqualTo(Aggregate.percentile(99));
    assertThat(tagged.value()).isEqualTo(4000);
    assertThat(ThresholdParser.parseFlag("ttft{turn:1}p99<4s").tags()).containsEntry("turn", "1");
    assertThat(ThresholdParser.parseFlag("  errors   rate<1% ").source())
        .isEqualTo("errors   rate<1%");
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ttft         | p95 2s        | EXPRESSION | 4 | expected an operator (<, <=, >, >=, ==, !=)",
        "ttft         | p95 = 2s      | EXPRESSION | 4 | expected an operator (<, <=, >, >=, ==, !=)",
        "ttft         | p95 =< 2s     | EXPRESSION | 4 | expected an operator (<, <=, >, >=, ==, !=)",
        "ttft         | < 2s          | EXPRESSION | 0 | expected an aggregate (p50, p90, p95, p99, p99.9, min, max, mean, count, rate, ratio)",
        "ttft         | median < 2s   | EXPRESSION | 0 | expected an aggregate (p50, p90, p95, p99, p99.9, min, max, mean, count, rate, ratio)",
        "ttft         | p95x < 2s     | EXPRESSION | 0 | expected an aggregate (p50, p90, p95, p99, p99.9, min, max, mean, count, rate, ratio)",
        "ttft         | p0 < 2s       | EXPRESSION | 0 | a percentile is above 0 and at most 100, got 0",
        "ttft         | p101 < 2s     | EXPRESSION | 0 | a percentile is above 0 and at most 100, got 101",
        "ttft         | p(95 < 2s     | EXPRESSION | 5 | expected ')' to close 'p('",
        "ttft         | p() < 2s      | EXPRESSION | 2 | expected a percentile such as 95 or 99.9",
        "ttft         | rate < 1%     | EXPRESSION | 0 | 'rate' does not apply to ttft; use a percentile (p95), min, max, mean, count",
        "errors       | p95 < 1%      | EXPRESSION | 0 | 'p95' does not apply to errors; use count, rate",
        "goodput      | count > 1     | EXPRESSION | 0 | 'count' does not apply to goodput; use rate, ratio",
        "messages     | ratio > 0.5   | EXPRESSION | 0 | 'ratio' does not apply to messages; use count, rate",
        "ttft         | p95 <         | EXPRESSION | 5 | expected a number with a time unit like 2s, 500ms or 150 (ms)",
        "ttft         | p95 < fast    | EXPRESSION | 6 | expected a number with a time unit like 2s, 500ms or 150 (ms)",
        "ttft         | p95 < -1s     | EXPRESSION | 6 | expected a number with a time unit like 2s, 500ms or 150 (ms)",
        "errors       | rate <        | EXPRESSION | 6 | expected a number like 1% or 0.01",
        "ttft         | p95 < 2h      | EXPRESSION | 7 | expected a time unit (us, ms, s, m) or none for milliseconds, got 'h'",
        "ttft         | p95 < 2%      | EXPRESSION | 7 | expected a time unit (us, ms, s, m) or none for milliseconds, got '%'",
        "ttft         | count < 2s    | EXPRESSION | 9 | a count is a plain number; remove 's'",
        "http_5xx     | count == 0%   | EXPRESSION | 10 | a count is a plain number; remove '%'",
        "llm_calls    | p95 < 2s      | EXPRESSION | 7 | 'llm_calls' is a plain number (time metrics are connect, connect_backoff, e2e, e2e_service, generator_gc, generator_lag, itl, response_tail, retry_wait, send_delay, session, think_time, tpot, ttfb, ttfc, ttfr, ttft, ttft_service); remove 's'",
        "errors       | rate < 5      | EXPRESSION | 7 | expected a fraction from 0 to 1 or a percentage like 1%, got 5 (did you mean 5%?)",
        "errors       | rate < 150%   | EXPRESSION | 7 | a percentage is at most 100%, got 150%",
        "errors       | rate < 1s     | EXPRESSION | 8 | expected a fraction like 0.01 or a percentage like 1%, got 's'",
        "goodput      | rate > 5%     | EXPRESSION | 8 | expected a rate per second like 20 or 20/s (or 1200/m), got '%'",
        "messages     | rate > 5/d    | EXPRESSION | 8 | expected a rate per second like 20 or 20/s (or 1200/m), got '/d'",
        "ttft         | p95 < 2s 3s   | EXPRESSION | 9 | unexpected '3' after the value; expected the end",
        "ttft         | p95 < 2s and  | EXPRESSION | 9 | unexpected 'a' after the value; expected the end",
        "''           | p95 < 2s      | METRIC     | 0 | expected a metric name such as ttft, e2e, errors or tokens",
        "9ttft        | p95 < 2s      | METRIC     | 0 | expected a metric name such as ttft, e2e, errors or tokens",
        "ttft x       | p95 < 2s      | METRIC     | 5 | unexpected 'x' after the metric name; expected '{' or end",
        "ttft{}       | p95 < 2s      | METRIC     | 5 | expected a tag (conversation:NAME or turn:N)",
        "ttft{user:a} | p95 < 2s      | METRIC     | 5 | unknown tag 'user'; expected conversation or turn",
        "ttft{turn 2} | p95 < 2s      | METRIC     | 10 | expected ':' after tag 'turn'",
        "ttft{turn:0} | p95 < 2s      | METRIC     | 10 | expected a turn number (1, 2, ...)",
        "ttft{turn:a} | p95 < 2s      | METRIC     | 10 | expected a turn number (1, 2, ...)",
        "ttft{turn:2x} | p95 < 2s     | METRIC     | 10 | expected a turn number (1, 2, ...)",
        "ttft{conversation:} | p95<2s | METRIC     | 18 | expected a conversation name",
        "ttft{turn:1,turn:2} | p95<2s | METRIC     | 12 | tag 'turn' given twice",
        "ttft{turn:1        | p95<2s  | METRIC     | 4 | unclosed '{': expected '}'",
        "ttft{turn:1;x}     | p95<2s  | METRIC     | 11 | expected ',' or '}' after a tag",
      })
  void errorsNameWhatWasExpectedAndWhere(
      String key, String expression, Part part, int offset, String reason) {
    assertThatThrownBy(() -> ThresholdParser.parse(key, expression))
        .isInstanceOfSatisfying(
            ThresholdSyntaxException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.part()).isEqualTo(part);
              assertThat(e.offset()).isEqualTo(offset);
              assertThat(e.getMessage()).isEqualTo(reason + " at column " + (offset + 1));
            });
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "ttft p95 2s         | 9  | expected an operator (<, <=, >, >=, ==, !=)",
        "ttftp95 < 2s        | 8  | expected an aggregate (p50, p90, p95, p99, p99.9, min, max, mean, count, rate, ratio)",
        "ttft{turn:x} p95<2s | 10 | expected a turn number (1, 2, ...)",
        "'  '                | 2  | expected a metric name such as ttft, e2e, errors or tokens",
        "ttft                | 4  | expected an aggregate (p50, p90, p95, p99, p99.9, min, max, mean, count, rate, ratio)",
      })
  void flagErrorsPointIntoTheFlag(String flag, int offset, String reason) {
    assertThatThrownBy(() -> ThresholdParser.parseFlag(flag))
        .isInstanceOfSatisfying(
            ThresholdSyntaxException.class,
            e -> {
              assertThat(e.part()).isEqualTo(Part.FLAG);
              assertThat(e.offset()).isEqualTo(offset);
              assertThat(e.reason()).isEqualTo(reason);
            });
  }

  @Test
  void operatorMessageCarriesTheColumn() {
    assertThatThrownBy(() -> ThresholdParser.parse("ttft", "p95 2s"))
        .hasMessage("expected an operator (<, <=, >, >=, ==, !=) at column 5");
  }

  @Test
  void passesComparesTheMeasuredValueWithTheLimit() {
    Threshold t = ThresholdParser.parse("ttft", "p95 < 2s");
    assertThat(t.passes(1999.9)).isTrue();
    assertThat(t.passes(2000)).isFalse();
    assertThat(ThresholdParser.parse("http_5xx", "count == 0").passes(0)).isTrue();
    assertThat(ThresholdParser.parse("http_5xx", "count == 0").passes(1)).isFalse();
  }

  @Test
  void anyInputParsesOrFailsWithASyntaxErrorInsideTheString() {
    String alphabet = "tfe2pmsu%/<>=!{}:,. 0159avgcountraieo_";
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(16);
      for (int j = 0; j < length; j++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String flag = (random.nextBoolean() ? "ttft " : "") + sb;
      try {
        ThresholdParser.parseFlag(flag);
      } catch (ThresholdSyntaxException e) {
        assertThat(e.offset()).as(flag).isBetween(0, flag.length());
      }
    }
  }
}
