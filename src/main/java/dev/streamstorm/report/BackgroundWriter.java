package dev.streamstorm.report;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes items to a file on a thread of its own, for outputs streamed while a run goes (CSV rows,
 * trace lines). {@link #offer} runs on event loops, so it only hands the item to a lock-free queue
 * bounded by a counter: when the queue is full the item is dropped and counted, and the loop never
 * waits, not even for a lock. Memory is bounded by the queue, never by the run's length.
 *
 * @param <T> what is written
 */
final class BackgroundWriter<T> {
  /** How long the idle writer sleeps before looking again (it flushes first). */
  private static final long IDLE_PARK_NS = 50_000_000L;

  /** Writes items one by one; closed when the writer ends. */
  interface Sink<T> extends AutoCloseable {
    void write(T item) throws IOException;

    void flush() throws IOException;

    @Override
    void close() throws IOException;
  }

  private final Queue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final int capacity;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final Thread writer;
  private final String what;
  private volatile boolean closing;
  private volatile IOException failure;

  /**
   * Starts the writer thread.
   *
   * @param what the file, for messages
   */
  BackgroundWriter(Sink<T> sink, int capacity, String threadName, String what) {
    this.capacity = capacity;
    this.what = what;
    this.writer = new Thread(() -> drain(sink), threadName);
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues {@code item}, or drops and counts it when the queue is full or the writer is done. */
  void offer(T item) {
    if (closing || failure != null) {
      dropped.incrementAndGet();
      return;
    }
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.offer(item);
  }

  long dropped() {
    return dropped.get();
  }

  long written() {
    return written.get();
  }

  /**
   * Writes every queued item, then flushes and closes the sink. Throws when writing failed at any
   * point (a full disk), after closing.
   */
  void close() throws IOException {
    closing = true;
    LockSupport.unpark(writer);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while finishing " + what, e);
    }
    // An item that raced with closing, or items left by a failed writer: counted, not lost.
    dropped.addAndGet(queue.size());
    queue.clear();
    if (failure != null) {
      throw failure;
    }
  }

  private void drain(Sink<T> sink) {
    try (sink) {
      while (true) {
        T item = queue.poll();
        if (item == null) {
          if (closing) {
            break;
          }
          sink.flush();
          LockSupport.parkNanos(this, IDLE_PARK_NS);
          continue;
        }
        queued.decrementAndGet();
        sink.write(item);
        written.incrementAndGet();
      }
    } catch (IOException e) {
      failure = e;
    }
  }
}
