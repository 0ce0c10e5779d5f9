package dev.streamstorm.cli;

import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ConsoleSummary;
import dev.streamstorm.report.JunitXml;
import dev.streamstorm.report.SeriesTable;
import dev.streamstorm.report.html.HtmlReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamstorm report}: re-renders a saved results document (summary, HTML report). */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Renders a saved results document: the summary (--series adds the per-interval series),"
          + " and the HTML report with --html.",
      "Example: streamstorm report results.json --html report.html"
    })
public final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RESULTS", description = "results.json from run --out.")
  Path resultsFile;

  @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report.")
  Path html;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Write the thresholds as JUnit XML test cases.")
  Path junit;

  @Option(names = "--quiet", description = "Do not print the summary.")
  boolean quiet;

  @Option(
      names = "--series",
      description =
          "Also print the per-interval series: users or arrivals, streams, msg/s, tokens/s, ttft"
              + " p50/p95, errors and the generator's lag, one row per interval (or per few"
              + " seconds for a long run).")
  boolean series;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunResults results = ResultsFiles.read(resultsFile);
    if (!quiet) {
      out.print(ConsoleSummary.render(results));
    }
    if (series && results.series() != null) {
      out.print(System.lineSeparator() + SeriesTable.render(results.series()));
    }
    out.flush();
    if (html != null) {
      HtmlReport.write(results, html);
      err.println("HTML report written to " + html);
      err.flush();
    }
    if (junit != null) {
      JunitXml.write(results, junit);
      err.println("JUnit report written to " + junit);
      err.flush();
    }
    return ExitCodes.OK;
  }
}
