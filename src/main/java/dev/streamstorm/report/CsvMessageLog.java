package dev.streamstorm.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.MessageOutcome;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code --csv messages.csv}: one row per finished message, streamed to disk as the run goes by a
 * {@link BackgroundWriter}: {@link #onMessage} never blocks an event loop, and when the writer
 * falls behind rows are dropped and counted (see {@link #droppedRows}). {@link #close} writes what
 * is queued, flushes and closes the file.
 */
public final class CsvMessageLog implements MessageLog, AutoCloseable {
  /** Rows that may wait for the writer: about a second of a very busy run. */
  public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

  private static final CsvMapper CSV = csvMapper();
  private static final CsvSchema SCHEMA = CSV.schemaFor(MessageRow.class).withHeader();

  private final long anchorNs;
  private final long anchorEpochNs;
  private final long warmupNs;
  private final Path file;
  private final BackgroundWriter<Pending> writer;

  private record Pending(MessageOutcome outcome, long runStartNs) {}

  /** Opens (truncates) {@code file} and starts the writer thread. */
  public CsvMessageLog(Path file, Duration warmup) throws IOException {
    this(OutputFiles.open(file), file, warmup, DEFAULT_QUEUE_CAPACITY);
  }

  /**
   * @param out where rows go (closed by {@link #close})
   * @param file the file {@code out} writes, for messages
   */
  CsvMessageLog(Writer out, Path file, Duration warmup, int queueCapacity) throws IOException {
    this.file = file;
    this.warmupNs = warmup.toNanos();
    Instant now = Instant.now();
    this.anchorNs = System.nanoTime();
    this.anchorEpochNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    SequenceWriter rows;
    try {
      rows =
          CSV.writer(SCHEMA).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).writeValues(out);
    } catch (IOException e) {
      out.close();
      throw e;
    }
    this.writer =
        new BackgroundWriter<>(
            new BackgroundWriter.Sink<>() {
              @Override
              public void write(Pending p) throws IOException {
                rows.write(
                    MessageRow.of(p.outcome(), p.runStartNs(), epochNs(p.runStartNs()), warmupNs));
              }

              @Override
              public void flush() throws IOException {
                rows.flush();
              }

              @Override
              public void close() throws IOException {
                try (out) {
                  rows.close();
                }
              }
            },
            queueCapacity,
            "streamstorm-csv",
            file.toString());
  }

  @Override
  public void onMessage(MessageOutcome outcome, long runStartNs) {
    writer.offer(new Pending(outcome, runStartNs));
  }

  /** Rows lost because the writer fell behind (or had failed, or the log was closed). */
  public long droppedRows() {
    return writer.dropped();
  }

  /** Rows written to the file so far. */
  public long writtenRows() {
    return writer.written();
  }

  public Path file() {
    return file;
  }

  /**
   * Writes every queued row, then flushes and closes the file. Throws when writing failed at any
   * point (a full disk), after closing.
   */
  @Override
  public void close() throws IOException {
    writer.close();
  }

  private long epochNs(long nanoTime) {
    return anchorEpochNs + (nanoTime - anchorNs);
  }

  private static CsvMapper csvMapper() {
    CsvMapper m = new CsvMapper();
    m.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    return m;
  }
}
