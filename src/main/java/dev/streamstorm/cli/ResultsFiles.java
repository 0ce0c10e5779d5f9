package dev.streamstorm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a results document for the commands that take one ({@code report}, {@code compare}): a file
 * that is missing, not JSON, not a results document or of another schema is bad usage (exit 2) with
 * one message, whichever command read it.
 */
final class ResultsFiles {
  private ResultsFiles() {}

  static RunResults read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UsageException("cannot read " + file + ": no such file");
    }
    try {
      return ResultsJson.read(file);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new UsageException(
          "cannot read "
              + file
              + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
              + ": not a results document ("
              + e.getOriginalMessage()
              + ")");
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
