package dev.streamstorm.cli;

import dev.streamstorm.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions escaping a command into one readable line and an exit code. A stack trace is
 * printed only with STREAMSTORM_DEBUG=1, because users read this output, not developers.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    var err = cmd.getErr();
    if (ex instanceof ScenarioException || ex instanceof UsageException) {
      err.println("error: " + ex.getMessage());
      return ExitCodes.USAGE;
    }
    err.println("error: " + describe(ex));
    if ("1".equals(System.getenv("STREAMSTORM_DEBUG"))) {
      ex.printStackTrace(err);
    } else {
      err.println("(set STREAMSTORM_DEBUG=1 for the stack trace)");
    }
    return ExitCodes.FAILURE;
  }

  private static String describe(Throwable t) {
    String msg = t.getMessage();
    return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
  }
}
