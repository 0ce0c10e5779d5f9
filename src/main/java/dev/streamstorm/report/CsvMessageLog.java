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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code --csv messages.csv}: one row per finished message, streamed to disk as the run goes.
 *
 * <p>{@link #onMessage} runs on event loops, so it only hands the outcome to a lock-free queue
 * bounded by a counter; a writer thread turns outcomes into rows. When the queue is full the row is
 * dropped and counted (see {@link #droppedRows}): the loop never waits, not even for a lock. Memory
 * is bounded by the queue, never by the run's length. {@link #close} writes what is queued, flushes
 * and closes the file.
 */
public final class CsvMessageLog implements MessageLog, AutoCloseable {
  /** Rows that may wait for the writer: about a second of a very busy run. */
  public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

  /** How long the idle writer sleeps before looking again (it flushes first). */
  private static final long IDLE_PARK_NS = 50_000_000L;

  private static final CsvMapper CSV = csvMapper();
  private static final CsvSchema SCHEMA = CSV.schemaFor(MessageRow.class).withHeader();

  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final int capacity;
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
    this.capacity = queueCapacity;
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
    if (closing || failure != null) {
      dropped.incrementAndGet();
      return;
    }
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.offer(new Pending(outcome, runStartNs));
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
    LockSupport.unpark(writer);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while finishing " + file, e);
    }
    // A message that raced with closing, or rows left by a failed writer: counted, not lost.
    dropped.addAndGet(queue.size());
    queue.clear();
    if (failure != null) {
      throw failure;
    }
  }

  private void drain(SequenceWriter rows, Writer out) {
    try (out;
        rows) {
      while (true) {
        Pending p = queue.poll();
        if (p == null) {
          if (closing) {
            break;
          }
          rows.flush();
          LockSupport.parkNanos(this, IDLE_PARK_NS);
          continue;
        }
        queued.decrementAndGet();
        rows.write(MessageRow.of(p.outcome(), p.runStartNs(), epochNs(p.runStartNs()), warmupNs));
        written.incrementAndGet();
      }
    } catch (IOException e) {
      failure = e;
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
