package dev.streamstorm.cli;

import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ComparedMetric;
import dev.streamstorm.report.ComparisonTable;
import dev.streamstorm.report.RunComparison;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamstorm compare}: a candidate run against a baseline, exit 99 on a regression. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    description = {
      "Compares two results files (run --out) side by side: ttft, e2e, itl and tpot p50/p95/p99,"
          + " error rate and throughput, and fails when a gated metric regressed.",
      "A metric regresses when it moved the worse way (up for latencies and errors, down for"
          + " throughput and goodput) by more than --max-regression of its baseline value;"
          + " from a baseline of 0 any worsening regresses. A gated metric the candidate has no"
          + " value for fails too.",
      "Example: streamstorm compare main.json pr.json --metric ttft.p95,ttft.p99"
    },
    exitCodeListHeading = "%nExit codes:%n",
    footerHeading = "%nMetric names follow the results document (run --out):%n",
    footer = {
      "  ttft.p95, e2e.p99, itl.p50, tpot.p95 (or metrics.ttft.p95); statistics:",
      "    count, min, mean, p50, p90, p95, p99, p999, max of any metric",
      "  errors.rate, errors.count, errors.http_5xx, errors.timeout.rate",
      "  messages.ok, messages.failed, messages.total",
      "  throughput.messagesPerSecond, throughput.tokensPerSecond",
      "  goodput.ratio, goodput.perSecond (with slo: in the scenario)",
      "  usage.llm_calls.mean (numbers the server reports)",
      "  byConversation.NAME.ttft.p95, byTurn.NAME#2.e2e.p95: the same per slice"
    },
    exitCodeList = {
      "0:no gated metric regressed",
      "2:a results file cannot be read, or an unknown metric",
      "99:a gated metric regressed"
    })
public final class CompareCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BASELINE", description = "Results of the reference run.")
  Path baseline;

  @Parameters(index = "1", paramLabel = "CANDIDATE", description = "Results of the run to judge.")
  Path candidate;

  @Option(
      names = "--max-regression",
      paramLabel = "SHARE",
      converter = FractionConverter.class,
      description = "Allowed worsening of a gated metric, e.g. 5%% or 0.05 (default: 5%%).")
  BigDecimal maxRegression = new BigDecimal("0.05");

  @Option(
      names = "--metric",
      paramLabel = "NAME",
      split = ",",
      description =
          "A metric to gate on (repeatable or comma-separated; names below). Default:"
              + " ttft.p95, e2e.p95 and errors.rate.")
  List<String> metrics = new ArrayList<>();

  @Override
  public Integer call() {
    RunResults base = ResultsFiles.read(baseline);
    RunResults cand = ResultsFiles.read(candidate);
    RunComparison.Result result;
    try {
      result = RunComparison.compare(base, cand, metrics, maxRegression);
    } catch (ComparedMetric.UnknownMetricException e) {
      throw new UsageException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(ComparisonTable.render(result, label(baseline, base), label(candidate, cand)));
    out.flush();
    return result.regressed() ? ExitCodes.THRESHOLD_FAILED : ExitCodes.OK;
  }

  private static String label(Path file, RunResults r) {
    if (r.run() == null) {
      return file.toString();
    }
    return file
        + " ("
        + r.run().scenario()
        + ", started "
        + r.run().startedAt()
        + ", "
        + r.run().durationSeconds()
        + " s)";
  }
}
