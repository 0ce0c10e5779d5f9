package dev.streamstorm.cli;

/** The process exit codes users script against (README, "CI gating"). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int THRESHOLD_FAILED = 99;

  private ExitCodes() {}
}
