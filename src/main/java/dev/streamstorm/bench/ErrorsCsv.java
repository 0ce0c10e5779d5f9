package dev.streamstorm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Every matched message's first-token instants, one CSV row each, to study the error's tail (e.g.
 * against a GC log: both use the same clock). Appended step by step; harness thread only.
 */
final class ErrorsCsv {

  private final Path file;

  /** Starts the file (replacing it) with its header. */
  ErrorsCsv(Path file) {
    this.file = file;
    write(
        "step,request_id,client_first_token_ns,server_first_token_ns,error_us\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  void append(String step, List<TtftError.Match> matches) {
    StringBuilder sb = new StringBuilder();
    for (TtftError.Match m : matches) {
      sb.append(step)
          .append(',')
          .append(m.requestId())
          .append(',')
          .append(m.clientNs())
          .append(',')
          .append(m.serverNs())
          .append(',')
          .append(m.errorNs() / 1_000)
          .append('\n');
    }
    write(sb.toString(), StandardOpenOption.APPEND);
  }

  private void write(String text, StandardOpenOption... options) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, options)) {
      w.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
