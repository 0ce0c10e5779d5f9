package dev.streamstorm.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * The scenario file being read: its name for messages, its raw lines (to place an error inside a
 * string value), and the folder that relative paths in it are resolved against.
 */
final class Source {
  private final String file;
  private final List<String> lines;
  private final Path baseDir;
  private final Path dataCopy;

  Source(String file, String text, Path baseDir) {
    this(file, text, baseDir, null);
  }

  /**
   * @param dataCopy a local copy of the data file the scenario names, read instead of it (a
   *     distributed run's agent is sent its rows); null to read the file the scenario names
   */
  Source(String file, String text, Path baseDir, Path dataCopy) {
    this.file = file;
    this.lines = text.lines().toList();
    this.baseDir = baseDir;
    this.dataCopy = dataCopy;
  }

  /** No file: a run from flags only. */
  static Source none() {
    return new Source("-", "", Path.of("."));
  }

  /** False for a run from flags only, whose errors have no position. */
  boolean hasFile() {
    return !file.equals("-");
  }

  String file() {
    return file;
  }

  Path baseDir() {
    return baseDir;
  }

  /** Where the data file named {@code name} is read from. */
  Path dataFile(String name) {
    return dataCopy != null ? dataCopy : baseDir.resolve(name).normalize();
  }

  ScenarioException error(Pos pos, String message) {
    return new ScenarioException(file, pos.line(), pos.column(), message);
  }

  /**
   * The position of character {@code offset} of a string value written at {@code start}. Exact for
   * a string written on one line without escapes (plain or quoted); otherwise the start of the
   * value, which still names the right line.
   */
  Pos within(Pos start, String value, int offset) {
    if (start.line() < 1 || start.line() > lines.size() || offset < 0 || offset > value.length()) {
      return start;
    }
    String line = lines.get(start.line() - 1);
    int column = start.column() - 1;
    if (column >= line.length()) {
      return start;
    }
    char first = line.charAt(column);
    int contentStart = first == '"' || first == '\'' ? column + 1 : column;
    if (line.startsWith(value.substring(0, offset), contentStart)) {
      return new Pos(start.line(), contentStart + offset + 1);
    }
    return start;
  }
}
