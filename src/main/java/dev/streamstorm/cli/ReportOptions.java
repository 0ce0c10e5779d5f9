package dev.streamstorm.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The run's report outputs besides {@code --out}: HTML, HdrHistogram log, per-message CSV, the
 * trace of the first messages, JUnit XML.
 */
final class ReportOptions {

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Write the HTML report (one self-contained file).")
  Path html;

  @Option(
      names = "--hlog",
      paramLabel = "FILE",
      description = "Write HdrHistogram interval logs (µs), one series per metric.")
  Path hlog;

  @Option(
      names = "--hlog-by-conversation",
      description = "Also write one --hlog series per conversation (Tag=ttft.<conversation>).")
  boolean hlogByConversation;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description = "Write one CSV row per message, streamed as the run goes.")
  Path csv;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description =
          "Write every event, comment and frame of the first messages as JSON Lines, with what"
              + " the stream rules made of each (token, reasoning, tool, done, usage, error,"
              + " ignored).")
  Path trace;

  @Option(
      names = "--trace-messages",
      paramLabel = "N",
      description = "How many messages --trace follows: the first N sent (default 20).")
  Integer traceMessages;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Write the thresholds as JUnit XML test cases, for CI test reports.")
  Path junit;
}
