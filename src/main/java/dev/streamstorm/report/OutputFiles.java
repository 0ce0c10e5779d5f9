package dev.streamstorm.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening the files that outputs stream into. */
final class OutputFiles {
  private OutputFiles() {}

  /** Opens (truncates) {@code file} for UTF-8 text, creating its folders. */
  static Writer open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }
}
