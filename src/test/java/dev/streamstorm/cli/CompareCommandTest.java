package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ResultsFixture;
import dev.streamstorm.report.ResultsJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path baseline;

  @BeforeEach
  void writeBaseline() throws Exception {
    baseline = results("baseline.json", 250, 0);
  }

  @Test
  void noRegressionExitsZeroAndPrintsTheTable() throws Exception {
    Path candidate = results("candidate.json", 260, 0);
    assertThat(compare(baseline, candidate)).isZero();
    assertThat(out.toString())
        .contains("baseline:  " + baseline + " (checkout, started 2026-11-30T18:00:00.250Z")
        .containsPattern("ttft\\.p95 \\(ms\\) +250 +260 +\\+4\\.0% +ok")
        .contains("no regression: ttft.p95, e2e.p95, errors.rate within 5% of the baseline");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aFirstTokenRegressionExits99() throws Exception {
    Path candidate = results("candidate.json", 300, 0);
    assertThat(compare(baseline, candidate)).isEqualTo(ExitCodes.THRESHOLD_FAILED);
    assertThat(out.toString()).contains("REGRESSION beyond 5%: ttft.p95 +20.0%");
  }

  @Test
  void theLimitAndTheMetricsAreChosenOnTheCommandLine() throws Exception {
    Path candidate = results("candidate.json", 300, 0);
    assertThat(compare(baseline, candidate, "--max-regression", "20%")).isZero();
    assertThat(compare(baseline, candidate, "--max-regression", "0.19")).isEqualTo(99);
    assertThat(compare(baseline, candidate, "--metric", "e2e.p95,errors.rate")).isZero();
    assertThat(compare(baseline, candidate, "--metric", "e2e.p95", "--metric", "ttft.p95"))
        .isEqualTo(99);
  }

  @Test
  void aRegressionOfErrorsExits99() throws Exception {
    Path candidate = results("candidate.json", 250, 5);
    assertThat(compare(baseline, candidate)).isEqualTo(99);
    assertThat(out.toString()).contains("errors.rate from 0");
  }

  @Test
  void aMissingFileIsAUsageError() {
    assertThat(compare(baseline, dir.resolve("nope.json"))).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .isEqualTo("error: cannot read " + dir.resolve("nope.json") + ": no such file\n");
  }

  @Test
  void aFileThatIsNotResultsIsAUsageError() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schema\": 1,\n  \"run\": [");
    assertThat(compare(baseline, broken)).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .startsWith("error: cannot read " + broken + ":2:")
        .contains("not a results document");
    Path other = Files.writeString(dir.resolve("other.json"), "{\"schema\": 7}");
    assertThat(compare(baseline, other)).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("has results schema 7; this streamstorm reads schema 1");
  }

  @Test
  void anUnknownMetricIsAUsageError() throws Exception {
    assertThat(compare(baseline, baseline, "--metric", "ttft.p96")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).startsWith("error: unknown metric 'ttft.p96'; e.g. ttft.p95");
  }

  @Test
  void aBadLimitIsAUsageError() {
    assertThat(compare(baseline, baseline, "--max-regression", "5")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains(
            "expected a percentage like 5% or a fraction like 0.05, got '5' (did you mean 5%?)");
    assertThat(compare(baseline, baseline, "--max-regression", "-1%")).isEqualTo(ExitCodes.USAGE);
    assertThat(compare(baseline, baseline, "--max-regression", "lots")).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void helpNamesTheDefaultGateAndTheExitCodes() {
    assertThat(compare(baseline, baseline, "--help")).isZero();
    assertThat(out.toString())
        .contains("Default: ttft.p95, e2e.p95 and")
        .contains("byConversation.NAME.ttft.p95")
        .contains("99   a gated metric regressed")
        .doesNotContain("%n");
  }

  @Test
  void resultsWrittenByRunRoundTripIncludingUnmeasuredThresholds() throws Exception {
    RunResults r =
        new ResultsFixture()
            .latency("ttft", 10, 200, 250, 300)
            .threshold("ttft", "p95 < 1s", Double.NaN, false)
            .build();
    Path a = dir.resolve("a.json");
    ResultsJson.write(r, a);
    assertThat(ResultsJson.read(a).thresholds().get(0).actual()).isNaN();
    assertThat(compare(a, a)).isZero();
  }

  private int compare(Path baseline, Path candidate, String... more) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] args = new String[3 + more.length];
    args[0] = "compare";
    args[1] = baseline.toString();
    args[2] = candidate.toString();
    System.arraycopy(more, 0, args, 3, more.length);
    return cl.execute(args);
  }

  private Path results(String name, double ttftP95, long failed) throws Exception {
    Path file = dir.resolve(name);
    ResultsJson.write(
        new ResultsFixture()
            .messages(1000 - failed, failed)
            .latency("ttft", 1000, ttftP95 * 0.8, ttftP95, ttftP95 * 1.2)
            .latency("e2e", 1000, 1200, 1500, 1800)
            .build(),
        file);
    return file;
  }
}
