package dev.streamstorm.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamstorm.metrics.results.RunResults;
import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes the results document (docs/results-schema.md). */
public final class ResultsJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ResultsJson() {}

  /** Writes atomically: a reader never sees half a document, even if we are killed mid-write. */
  public static void write(RunResults results, Path file) throws IOException {
    AtomicFiles.write(file, out -> MAPPER.writeValue(out, results));
  }

  public static String toJson(RunResults results) throws IOException {
    return MAPPER.writeValueAsString(results);
  }

  public static RunResults read(Path file) throws IOException {
    RunResults r = MAPPER.readValue(file.toFile(), RunResults.class);
    if (r.schema() != RunResults.SCHEMA) {
      throw new IOException(
          file
              + " has results schema "
              + r.schema()
              + "; this streamstorm reads schema "
              + RunResults.SCHEMA);
    }
    return r;
  }
}
