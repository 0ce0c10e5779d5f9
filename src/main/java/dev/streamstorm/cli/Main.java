package dev.streamstorm.cli;

import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code streamstorm} command: parses the command line and hands over to a subcommand. */
@Command(
    name = "streamstorm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description =
        "Load tester for streaming endpoints (SSE and WebSocket): AI agents and LLM chat.",
    subcommands = {
      RunCommand.class,
      TryCommand.class,
      AgentCommand.class,
      ReportCommand.class,
      CompareCommand.class,
      BenchServerCommand.class,
      BenchCommand.class,
      BenchFloorCommand.class,
      CalibrateCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:any other failure",
      "2:bad usage or invalid scenario",
      "99:a threshold failed"
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cl = commandLine();
    Charset charset = TerminalCharset.stdout();
    if (!TerminalCharset.canShowSymbols(charset)) {
      cl.setOut(TerminalCharset.writer(System.out, charset));
      cl.setErr(TerminalCharset.writer(System.err, charset));
    }
    System.exit(cl.execute(args));
  }

  /** Runs the command line and returns the process exit code; used by tests instead of main. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new FailureHandler());
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
