package dev.streamstorm.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ComparedMetric.Better;
import dev.streamstorm.report.RunComparison.Result;
import dev.streamstorm.report.RunComparison.Row;
import dev.streamstorm.report.RunComparison.Verdict;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunComparisonTest {
  private static final BigDecimal FIVE_PERCENT = new BigDecimal("0.05");

  @ParameterizedTest(name = "{0}: {1} -> {2} is {3}")
  @CsvSource({
    // higher is worse (latency, errors)
    "LOWER, 200, 210.01, REGRESSED",
    "LOWER, 200, 210, WITHIN",
    "LOWER, 200.1, 210.105, WITHIN",
    "LOWER, 200.1, 210.106, REGRESSED",
    "LOWER, 200, 150, WITHIN",
    "LOWER, 200, 200, WITHIN",
    "LOWER, 0, 0, WITHIN",
    "LOWER, 0, 0.001, REGRESSED",
    "LOWER, 0.01, 0.0105, WITHIN",
    "LOWER, 0.01, 0.0106, REGRESSED",
    // lower is worse (throughput, goodput)
    "HIGHER, 100, 94.99, REGRESSED",
    "HIGHER, 100, 95, WITHIN",
    "HIGHER, 49.4, 46.93, WITHIN",
    "HIGHER, 49.4, 46.92, REGRESSED",
    "HIGHER, 100, 250, WITHIN",
    "HIGHER, 0, 0, WITHIN",
    "HIGHER, 0, 5, WITHIN",
    // missing values
    "LOWER, 200, NaN, MISSING_IN_CANDIDATE",
    "HIGHER, 100, NaN, MISSING_IN_CANDIDATE",
    "LOWER, NaN, 200, NO_BASELINE",
  })
  void regressionIsBeyondTheLimitInTheWorseDirection(
      Better better, double baseline, double candidate, Verdict expected) {
    assertThat(RunComparison.verdict(better, baseline, candidate, FIVE_PERCENT))
        .isEqualTo(expected);
  }

  @Test
  void aZeroLimitFailsAnyWorsening() {
    assertThat(RunComparison.verdict(Better.LOWER, 200, 200.001, BigDecimal.ZERO))
        .isEqualTo(Verdict.REGRESSED);
    assertThat(RunComparison.verdict(Better.LOWER, 200, 200, BigDecimal.ZERO))
        .isEqualTo(Verdict.WITHIN);
  }

  @Test
  void defaultGateIsFirstTokenEndToEndAndErrorRate() {
    Result r = RunComparison.compare(run(250, 1500, 0), run(250, 1500, 0), List.of(), FIVE_PERCENT);
    assertThat(r.gatedRows())
        .extracting(row -> row.metric().name())
        .containsExactly("ttft.p95", "e2e.p95", "errors.rate");
    assertThat(r.regressed()).isFalse();
    assertThat(r.rows())
        .extracting(row -> row.metric().name())
        .containsExactlyElementsOf(RunComparison.TABLE);
  }

  @Test
  void aFirstTokenRegressionFailsTheDefaultGate() {
    Result r = RunComparison.compare(run(250, 1500, 0), run(280, 1500, 0), List.of(), FIVE_PERCENT);
    assertThat(r.regressed()).isTrue();
    Row ttft = row(r, "ttft.p95");
    assertThat(ttft.verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(ttft.changePercent()).isCloseTo(12.0, within(1e-9));
    assertThat(row(r, "e2e.p95").verdict()).isEqualTo(Verdict.WITHIN);
    assertThat(row(r, "ttft.p50").verdict()).isEqualTo(Verdict.NOT_GATED);
  }

  @Test
  void onlyTheNamedMetricsAreGated() {
    Result r =
        RunComparison.compare(
            run(250, 1500, 0),
            run(280, 1500, 0),
            List.of("e2e.p95", "metrics.e2e.p99", "throughput.tokensPerSecond"),
            FIVE_PERCENT);
    assertThat(r.regressed()).isFalse();
    assertThat(r.gatedRows())
        .extracting(row -> row.metric().name())
        .containsExactly("e2e.p95", "e2e.p99", "throughput.tokensPerSecond");
    assertThat(row(r, "ttft.p95").gated()).isFalse();
  }

  @Test
  void gatedMetricsBeyondTheTableAreAdded() {
    Result r =
        RunComparison.compare(
            run(250, 1500, 0), run(250, 1500, 0), List.of("errors.http_5xx"), FIVE_PERCENT);
    assertThat(r.rows().get(r.rows().size() - 1).metric().name()).isEqualTo("errors.http_5xx");
  }

  @Test
  void anErrorRateFromZeroRegresses() {
    Result r = RunComparison.compare(run(250, 1500, 0), run(250, 1500, 3), List.of(), FIVE_PERCENT);
    Row errors = row(r, "errors.rate");
    assertThat(errors.verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(errors.changePercent()).isInfinite();
    assertThat(ComparisonTable.change(errors)).isEqualTo("from 0");
  }

  @Test
  void aCandidateWithoutSamplesFailsAGateTheBaselineHas() {
    RunResults none = new ResultsFixture().messages(0, 10).latency("ttft", 0, 0, 0, 0).build();
    Result r = RunComparison.compare(run(250, 1500, 0), none, List.of("ttft.p95"), FIVE_PERCENT);
    assertThat(row(r, "ttft.p95").verdict()).isEqualTo(Verdict.MISSING_IN_CANDIDATE);
    assertThat(r.regressed()).isTrue();
  }

  @Test
  void aBaselineWithoutSamplesHasNothingToRegressFrom() {
    RunResults none = new ResultsFixture().latency("ttft", 0, 0, 0, 0).build();
    Result r = RunComparison.compare(none, run(250, 1500, 0), List.of("ttft.p95"), FIVE_PERCENT);
    assertThat(row(r, "ttft.p95").verdict()).isEqualTo(Verdict.NO_BASELINE);
    assertThat(r.regressed()).isFalse();
  }

  @Test
  void aGatedMetricNeitherRunHasIsAnError() {
    assertThatThrownBy(
            () ->
                RunComparison.compare(
                    run(250, 1500, 0), run(250, 1500, 0), List.of("goodput.ratio"), FIVE_PERCENT))
        .isInstanceOf(ComparedMetric.UnknownMetricException.class)
        .hasMessage(
            "'goodput.ratio' has no value in either results file (goodput is reported for"
                + " scenarios with slo:)");
  }

  @Test
  void aDefaultGatedMetricNeitherRunHasIsShownMissing() {
    RunResults noE2e = new ResultsFixture().latency("ttft", 10, 200, 250, 300).build();
    Result r = RunComparison.compare(noE2e, noE2e, List.of(), FIVE_PERCENT);
    assertThat(row(r, "e2e.p95").verdict()).isEqualTo(Verdict.NO_BASELINE);
    assertThat(r.regressed()).isFalse();
  }

  @Test
  void anUnknownGatedMetricIsAnError() {
    assertThatThrownBy(
            () ->
                RunComparison.compare(
                    run(250, 1500, 0), run(250, 1500, 0), List.of("ttft.p96"), FIVE_PERCENT))
        .isInstanceOf(ComparedMetric.UnknownMetricException.class)
        .hasMessageStartingWith("unknown metric 'ttft.p96'");
  }

  @Test
  void perConversationMetricsCanBeGated() {
    RunResults base = new ResultsFixture().conversation("simple", 300).build();
    RunResults cand = new ResultsFixture().conversation("simple", 330).build();
    Result r =
        RunComparison.compare(
            base, cand, List.of("byConversation.simple.ttft.p95"), new BigDecimal("0.10"));
    assertThat(row(r, "byConversation.simple.ttft.p95").verdict()).isEqualTo(Verdict.WITHIN);
    r = RunComparison.compare(base, cand, List.of("byConversation.simple.ttft.p95"), FIVE_PERCENT);
    assertThat(r.regressed()).isTrue();
  }

  @Test
  void notesNameWhatMakesTheComparisonUnfair() {
    RunResults other = new ResultsFixture().scenario("other").saturated().build();
    Result r =
        RunComparison.compare(run(250, 1500, 0), other, List.of("messages.ok"), FIVE_PERCENT);
    assertThat(r.notes())
        .hasSize(2)
        .anySatisfy(n -> assertThat(n).contains("different scenarios (checkout, other)"))
        .anySatisfy(n -> assertThat(n).startsWith("the candidate run's load generator"));
  }

  @Test
  void theTableShowsBothRunsTheChangeAndTheVerdict() {
    Result r = RunComparison.compare(run(250, 1500, 0), run(280, 1500, 0), List.of(), FIVE_PERCENT);
    String text = ComparisonTable.render(r, "main.json", "pr.json");
    assertThat(text)
        .contains("baseline:  main.json")
        .contains("candidate: pr.json")
        .containsPattern("ttft\\.p95 \\(ms\\) +250 +280 +\\+12\\.0% +REGRESSED")
        .containsPattern("e2e\\.p95 \\(ms\\) +1,500 +1,500 +\\+0\\.0% +ok")
        .containsPattern("errors\\.rate +0\\.0% +0\\.0% +\\+0\\.0% +ok")
        .containsPattern("throughput\\.messagesPerSecond +50\\.0 +50\\.0 +\\+0\\.0%")
        .contains("REGRESSION beyond 5%: ttft.p95 +12.0%");
    Result same =
        RunComparison.compare(run(250, 1500, 0), run(250, 1500, 0), List.of(), FIVE_PERCENT);
    assertThat(ComparisonTable.render(same, "a", "b"))
        .contains("no regression: ttft.p95, e2e.p95, errors.rate within 5% of the baseline");
  }

  private static RunResults run(double ttftP95, double e2eP95, long failed) {
    return new ResultsFixture()
        .messages(1000 - failed, failed)
        .latency("ttft", 1000, ttftP95 * 0.8, ttftP95, ttftP95 * 1.2)
        .latency("e2e", 1000, e2eP95 * 0.8, e2eP95, e2eP95 * 1.2)
        .build();
  }

  private static Row row(Result r, String name) {
    return r.rows().stream().filter(x -> x.metric().name().equals(name)).findFirst().orElseThrow();
  }
}
