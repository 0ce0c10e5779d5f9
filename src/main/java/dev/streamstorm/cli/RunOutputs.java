package dev.streamstorm.cli;

import dev.streamstorm.engine.IntervalListener;
import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.CsvMessageLog;
import dev.streamstorm.report.HistogramLogOutput;
import dev.streamstorm.report.JunitXml;
import dev.streamstorm.report.ResultsJson;
import dev.streamstorm.report.html.HtmlReport;
import dev.streamstorm.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report outputs of one run ({@link ReportOptions}): the streamed ones (CSV rows, HdrHistogram
 * intervals) are opened before the run starts, so a bad path fails at once rather than after the
 * run; {@link #write} finishes them and writes the HTML once the results exist. {@link #close}
 * closes whatever is still open, also when the run failed.
 */
final class RunOutputs implements AutoCloseable {
  private final ReportOptions options;
  private CsvMessageLog csv;
  private HistogramLogOutput hlog;

  private RunOutputs(ReportOptions options) {
    this.options = options;
  }

  static RunOutputs open(ReportOptions options, Scenario scenario) throws IOException {
    if (options.hlogByConversation && options.hlog == null) {
      throw new UsageException("--hlog-by-conversation needs --hlog FILE");
    }
    RunOutputs outputs = new RunOutputs(options);
    try {
      if (options.csv != null) {
        outputs.csv = new CsvMessageLog(options.csv, scenario.load().limits().warmup());
      }
      if (options.hlog != null) {
        outputs.hlog = new HistogramLogOutput(options.hlog, options.hlogByConversation);
      }
    } catch (IOException e) {
      outputs.close();
      throw e;
    }
    return outputs;
  }

  /** Where finished messages go: the CSV writer, or nowhere. */
  MessageLog messageLog() {
    return csv == null ? MessageLog.NONE : csv;
  }

  /** {@code first} followed by the HdrHistogram log's listener when there is one. */
  List<IntervalListener> listeners(IntervalListener first) {
    List<IntervalListener> all = new ArrayList<>(List.of(first));
    if (hlog != null) {
      HistogramLogOutput log = hlog;
      all.add((snapshot, status) -> log.onInterval(snapshot));
    }
    return all;
  }

  /**
   * After the run (also after Ctrl-C): closes the streamed outputs and writes the HTML. One output
   * failing (a full disk) does not stop the others; the first failure is thrown at the end.
   */
  void write(RunResults results, Path resultsJson, PrintWriter err) throws IOException {
    write(results, null, resultsJson, err);
  }

  /**
   * @param html the HTML report already rendered from {@code results}, or null to render it here
   */
  void write(RunResults results, String html, Path resultsJson, PrintWriter err)
      throws IOException {
    List<IOException> failures = new ArrayList<>();
    if (resultsJson != null) {
      attempt(
          failures,
          () -> {
            ResultsJson.write(results, resultsJson);
            err.println("results written to " + resultsJson);
          });
    }
    if (csv != null) {
      CsvMessageLog log = csv;
      csv = null;
      attempt(
          failures,
          () -> {
            log.close();
            err.println("message rows written to " + log.file() + dropped(log.droppedRows()));
          });
    }
    if (hlog != null) {
      HistogramLogOutput log = hlog;
      hlog = null;
      attempt(
          failures,
          () -> {
            log.close();
            err.println("HdrHistogram log written to " + options.hlog);
          });
    }
    if (options.junit != null) {
      attempt(
          failures,
          () -> {
            JunitXml.write(results, options.junit);
            err.println("JUnit report written to " + options.junit);
          });
    }
    if (options.html != null) {
      attempt(
          failures,
          () -> {
            HtmlReport.write(html != null ? html : HtmlReport.render(results), options.html);
            err.println("HTML report written to " + options.html);
          });
    }
    err.flush();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  private interface Output {
    void write() throws IOException;
  }

  private static void attempt(List<IOException> failures, Output output) {
    try {
      output.write();
    } catch (IOException e) {
      failures.add(e);
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (AutoCloseable c : new AutoCloseable[] {csv, hlog}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof IOException io ? io : new IOException(e);
        }
      }
    }
    csv = null;
    hlog = null;
    if (first != null) {
      throw first;
    }
  }

  private static String dropped(long rows) {
    return rows == 0
        ? ""
        : " (" + rows + " rows dropped: the CSV writer fell behind; the results still count them)";
  }
}
