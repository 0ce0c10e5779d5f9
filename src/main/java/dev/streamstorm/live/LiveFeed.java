package dev.streamstorm.live;

import dev.streamstorm.engine.IntervalListener;
import dev.streamstorm.engine.RunStatus;
import dev.streamstorm.metrics.IntervalSnapshot;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The run's intervals, carried to the live outputs. On the run's ticker (or a distributed run's
 * coordinator thread) it only copies what it needs of the snapshot, whose histograms the collector
 * reuses ({@link IntervalCopy}: the recorded values of each metric's finest series), and queues
 * that; everything else (whole-run totals, thresholds, frames, serialising for browsers) happens on
 * one live thread of its own, so that no live output costs the ticker, which also paces the load,
 * more than that copy. A queue of {@link #QUEUE_INTERVALS} absorbs a stall of the live thread; past
 * it an interval is skipped and counted rather than block the ticker.
 */
public final class LiveFeed implements IntervalListener, AutoCloseable {
  static final int QUEUE_INTERVALS = 64;
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private final LiveState state;
  private final List<LiveSink> sinks;
  private final Consumer<String> warn;
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong copyNanos = new AtomicLong();
  private final ThreadPoolExecutor live;
  private volatile boolean warned;

  /**
   * @param sinks told about every frame, in this order, on the live thread
   * @param warn told once when an output fails (the run goes on without it)
   */
  public LiveFeed(LiveSetup setup, List<LiveSink> sinks, Consumer<String> warn) {
    this.state = new LiveState(setup);
    this.sinks = List.copyOf(sinks);
    this.warn = warn;
    this.live =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_INTERVALS),
            r -> {
              Thread t = new Thread(r, "streamstorm-live");
              t.setDaemon(true);
              return t;
            },
            (task, executor) -> skipped.incrementAndGet());
  }

  @Override
  public void onInterval(IntervalSnapshot snapshot, RunStatus status) {
    long t0 = CPU.getCurrentThreadCpuTime();
    IntervalCopy copy = IntervalCopy.of(snapshot);
    copyNanos.addAndGet(CPU.getCurrentThreadCpuTime() - t0);
    long epochMillis = System.currentTimeMillis();
    live.execute(() -> publish(state.accept(copy, status, epochMillis, skipped.get())));
  }

  private void publish(LiveFrame frame) {
    for (LiveSink sink : sinks) {
      try {
        sink.onFrame(frame);
      } catch (RuntimeException e) {
        if (!warned) {
          warned = true;
          warn.accept("warning: a live output failed (" + e + "); the run goes on");
        }
      }
    }
  }

  /** Intervals the live thread could not keep up with. */
  public long skippedIntervals() {
    return skipped.get();
  }

  /** CPU time the ticker spent copying intervals for the live outputs, in all (bench --live). */
  public long copyNanos() {
    return copyNanos.get();
  }

  /** Publishes what is queued, then stops the live thread. */
  @Override
  public void close() {
    live.shutdown();
    try {
      live.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
