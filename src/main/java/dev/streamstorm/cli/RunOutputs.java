package dev.streamstorm.cli;

import dev.streamstorm.engine.IntervalListener;
import dev.streamstorm.engine.Run;
import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.AtomicFiles;
import dev.streamstorm.report.CsvMessageLog;
import dev.streamstorm.report.HistogramLogOutput;
import dev.streamstorm.report.JunitXml;
import dev.streamstorm.report.ResultsJson;
import dev.streamstorm.report.TraceFile;
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
  private TraceFile trace;

  private RunOutputs(ReportOptions options) {
    this.options = options;
  }

  static RunOutputs open(ReportOptions options, Path resultsJson, Scenario scenario)
      throws IOException {
    // Found out now, not after a long run: every file written at the end can be written.
    for (Path p : new Path[] {resultsJson, options.html, options.junit}) {
      if (p != null) {
        try {
          AtomicFiles.checkWritable(p);
        } catch (IOException e) {
          throw new UsageException("cannot write " + p + ": " + reason(e));
        }
      }
    }
    if (options.hlogByConversation && options.hlog == null) {
      throw new UsageException("--hlog-by-conversation needs --hlog FILE");
    }
    if (options.traceMessages != null && options.trace == null) {
      throw new UsageException("--trace-messages needs --trace FILE");
    }
    if (options.traceMessages != null && options.traceMessages < 1) {
      throw new UsageException(
          "--trace-messages: expected 1 or more, got " + options.traceMessages);
    }
    RunOutputs outputs = new RunOutputs(options);
    try {
      if (options.csv != null) {
        outputs.csv = new CsvMessageLog(options.csv, scenario.load().limits().warmup());
      }
      if (options.hlog != null) {
        outputs.hlog = new HistogramLogOutput(options.hlog, options.hlogByConversation);
      }
      if (options.trace != null) {
        outputs.trace = new TraceFile(options.trace);
      }
    } catch (IOException e) {
      outputs.close();
      String file =
          e instanceof java.nio.file.FileSystemException f && f.getFile() != null
              ? f.getFile()
              : "an output";
      throw new UsageException("cannot write " + file + ": " + reason(e));
    }
    return outputs;
  }

  /** Where finished messages go: the CSV writer, or nowhere. */
  MessageLog messageLog() {
    return csv == null ? MessageLog.NONE : csv;
  }

  /** {@code config} tracing into the trace file, when there is one. */
  Run.Config traced(Run.Config config) {
    return trace == null
        ? config
        : config.withTrace(
            trace, options.traceMessages != null ? options.traceMessages : DEFAULT_TRACED);
  }

  /** Messages {@code --trace} follows unless {@code --trace-messages} says otherwise. */
  static final int DEFAULT_TRACED = 20;

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
    if (trace != null) {
      TraceFile log = trace;
      trace = null;
      attempt(
          failures,
          () -> {
            log.close();
            err.println(
                "trace written to "
                    + log.file()
                    + (log.droppedLines() > 0
                        ? " (" + log.droppedLines() + " lines dropped: the writer fell behind)"
                        : ""));
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
    for (AutoCloseable c : new AutoCloseable[] {csv, hlog, trace}) {
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
    trace = null;
    if (first != null) {
      throw first;
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "a file is in the way of the folder";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static String dropped(long rows) {
    return rows == 0
        ? ""
        : " (" + rows + " rows dropped: the CSV writer fell behind; the results still count them)";
  }
}
