package dev.streamstorm.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamstorm.metrics.TraceLog;
import dev.streamstorm.metrics.TraceRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * {@code --trace trace.jsonl}: JSON Lines, one per event, comment or frame of the traced messages
 * and one per message end (docs/outputs.md), streamed to disk by a {@link BackgroundWriter}.
 */
public final class TraceFile implements TraceLog, AutoCloseable {
  /** Lines that may wait: a traced message of 1,000 events, sixteen times over. */
  static final int QUEUE_CAPACITY = 16_384;

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private final Path file;
  private final BackgroundWriter<TraceRecord> writer;

  /** Opens (truncates) {@code file} and starts the writer thread. */
  public TraceFile(Path file) throws IOException {
    this.file = file;
    Writer out = OutputFiles.open(file);
    SequenceWriter lines;
    try {
      lines =
          JSON.writer()
              .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
              .withRootValueSeparator("\n")
              .writeValues(out);
    } catch (IOException e) {
      out.close();
      throw e;
    }
    this.writer =
        new BackgroundWriter<>(
            new BackgroundWriter.Sink<>() {
              @Override
              public void write(TraceRecord line) throws IOException {
                lines.write(line);
              }

              @Override
              public void flush() throws IOException {
                lines.flush();
              }

              @Override
              public void close() throws IOException {
                try (out) {
                  lines.close();
                  out.write('\n');
                }
              }
            },
            QUEUE_CAPACITY,
            "streamstorm-trace",
            file.toString());
  }

  @Override
  public void write(TraceRecord line) {
    writer.offer(line);
  }

  public Path file() {
    return file;
  }

  /** Lines lost because the writer fell behind. */
  public long droppedLines() {
    return writer.dropped();
  }

  public long writtenLines() {
    return writer.written();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
