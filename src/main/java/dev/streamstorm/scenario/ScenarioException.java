package dev.streamstorm.scenario;

/**
 * An invalid scenario: names the file, line and column (1-based) and what was expected. The CLI
 * prints {@link #getMessage()} as is and exits with code 2.
 */
public final class ScenarioException extends RuntimeException {
  private final String file;
  private final int line;
  private final int column;

  public ScenarioException(String file, int line, int column, String message) {
    super(file + ":" + line + ":" + column + ": " + message);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** A problem that has no position in a file (a flag, a missing file). */
  public ScenarioException(String message) {
    super(message);
    this.file = null;
    this.line = 0;
    this.column = 0;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
