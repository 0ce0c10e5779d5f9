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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --csv messages.csv}: one row per finished message, streamed to disk as the run goes.
 *
 * <p>{@link #onMessage} runs on event loops, so it only offers the outcome to a bounded queue; a
 * writer thread turns outcomes into rows. When the queue is full the row is dropped and counted
 * (see {@link #droppedRows}) rather than blocking the loop. Memory is bounded by the queue, never
 * by the run's length. {@link #close} writes what is queued, flushes and closes the file.
 */
public final class CsvMessageLog implements MessageLog, AutoCloseable {
  /** Rows that may wait for the writer: about a second of a very busy run. */
  public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

  private static final long POLL_MS = 200;
  private static final CsvMapper CSV = csvMapper();
  private static final CsvSchema SCHEMA = CSV.schemaFor(MessageRow.class).withHeader();

  private final BlockingQueue<Pending> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final long anchorNs;
  private final long anchorEpochNs;
  private final long warmupNs;
  private final Thread writer;
  private final Path file;
  private volatile boolean closing;
  private volatile IOException failure;

  private record Pending(MessageOutcome outcome, long runStartNs) {}

  /** Opens (truncates) {@code file} and starts the writer thread. */
  public CsvMessageLog(Path file, Duration warmup) throws IOException {
    this(open(file), file, warmup, DEFAULT_QUEUE_CAPACITY);
  }

  /**
   * @param out where rows go (closed by {@link #close})
   * @param file the file {@code out} writes, for messages
   */
  CsvMessageLog(Writer out, Path file, Duration warmup, int queueCapacity) throws IOException {
    this.file = file;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
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
    this.writer = new Thread(() -> drain(rows, out), "streamstorm-csv");
    writer.setDaemon(true);
    writer.start();
  }

  private static Writer open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  @Override
  public void onMessage(MessageOutcome outcome, long runStartNs) {
    if (closing || failure != null || !queue.offer(new Pending(outcome, runStartNs))) {
      dropped.incrementAndGet();
    }
  }

  /** Rows lost because the writer fell behind (or had failed, or the log was closed). */
  public long droppedRows() {
    return dropped.get();
  }

  /** Rows written to the file so far. */
  public long writtenRows() {
    return written.get();
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
    closing = true;
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while finishing " + file, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void drain(SequenceWriter rows, Writer out) {
    try (out;
        rows) {
      while (true) {
        Pending p = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
        if (p == null) {
          if (closing && queue.isEmpty()) {
            break;
          }
          rows.flush();
          continue;
        }
        rows.write(MessageRow.of(p.outcome(), p.runStartNs(), epochNs(p.runStartNs()), warmupNs));
        written.incrementAndGet();
      }
    } catch (IOException e) {
      failure = e;
      dropped.addAndGet(queue.size());
      queue.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
