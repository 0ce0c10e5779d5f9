package dev.streamstorm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ConsoleSummary;
import dev.streamstorm.report.JunitXml;
import dev.streamstorm.report.ResultsJson;
import dev.streamstorm.report.html.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
      "Renders a saved results document: the summary, and the HTML report with --html.",
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

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunResults results = read(resultsFile);
    if (!quiet) {
      out.print(ConsoleSummary.render(results));
      out.flush();
    }
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

  private static RunResults read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UsageException(file + ": no such file");
    }
    try {
      return ResultsJson.read(file);
    } catch (JsonProcessingException e) {
      throw new UsageException(
          file + ": not a streamstorm results document (" + e.getOriginalMessage() + ")");
    } catch (NoSuchFileException e) {
      throw new UsageException(file + ": no such file");
    }
  }
}
