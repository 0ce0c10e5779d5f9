package dev.streamstorm.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures one client on one workload: start, ramp and warm up, then a window between two samples
 * (CPU, allocation, server tokens), then the server's records for the accuracy check, the live heap
 * with every stream still open, and stop. Harness thread only; sleeps, never on an event loop.
 */
final class StepRunner {

  /** Long windows sample the heap (after the latest GC, no forced GC) this often. */
  private static final long HEAP_SAMPLE_NS = TimeUnit.SECONDS.toNanos(60);

  private static final long STATS_WARMUP_PERIOD_NS = TimeUnit.SECONDS.toNanos(1);

  /** The server's last stats answer of a warm-up is this long before the window. */
  private static final long STATS_QUIET_NS = TimeUnit.SECONDS.toNanos(2);

  /** Intervals close once a second: wait for the one holding the window's end. */
  private static final long LAST_INTERVAL_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(1_500);

  /** Room for the window's last messages to end later than the server planned. */
  private static final long LAST_MESSAGE_MARGIN_NS = TimeUnit.SECONDS.toNanos(1);

  private final ServerStats server;
  private final Meter meter;
  private final ErrorsCsv errorsCsv;

  /**
   * @param errorsCsv where every matched message's instants go, or null
   */
  StepRunner(ServerStats server, Meter meter, ErrorsCsv errorsCsv) {
    this.server = server;
    this.meter = meter;
    this.errorsCsv = errorsCsv;
  }

  /**
   * @param warmupSeconds after the ramp, before the window (JIT, connections, streams out of step)
   * @param windowSeconds the measured window
   */
  StepResult measure(
      String clientName,
      BenchClient client,
      Workload workload,
      double warmupSeconds,
      double windowSeconds) {
    try (client) {
      long startNs = client.start();
      long rampEndNs = startNs + seconds(workload.rampSeconds());
      long windowStartNs = rampEndNs + seconds(warmupSeconds);
      // The full GC that measures the live heap goes at the start of the warm-up, not just before
      // the window: it promotes every in-flight message, and those, dying in the old generation,
      // keep what they point to alive through the next few young collections (and lengthen them).
      sleepUntil(rampEndNs);
      double heapStart = Heap.liveAfterFullGcMiB();
      sleepAskingForStats(windowStartNs);
      server.reset();
      WindowSample a = meter.sample();
      GcWindow gc = GcWindow.open();
      client.windowStarts(a.nanoTime());
      List<Double> heapSeries = new ArrayList<>();
      long endNs = a.nanoTime() + seconds(windowSeconds);
      for (long next = a.nanoTime() + HEAP_SAMPLE_NS; next < endNs; next += HEAP_SAMPLE_NS) {
        sleepUntil(next);
        heapSeries.add(Heap.afterLastGcMiB());
      }
      sleepUntil(endNs);
      WindowSample b = meter.sample();
      GcWindow.Stats gcStats = gc.stats();
      gc.close();
      double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      client.windowEnds(a.nanoTime(), b.nanoTime());
      // Both sides record a message when it ends, and a first token at the window's end belongs to
      // a message that ends up to one message later: read them after that, or the paced steps'
      // 9.9 s messages would match only the first half of a 20 s window.
      sleepUntil(
          b.nanoTime()
              + Math.max(
                  LAST_INTERVAL_WAIT_NS,
                  seconds(workload.messageSeconds()) + LAST_MESSAGE_MARGIN_NS));
      ServerStats.Snapshot truth = server.withRecent(ServerStats.RECENT_CAPACITY);
      double heapEnd = Heap.liveAfterFullGcMiB();
      long[] messages = client.messages();
      List<TtftError.Match> matches =
          client.ttftMatches(truth.recent(), a.nanoTime(), b.nanoTime());
      if (matches != null && errorsCsv != null) {
        errorsCsv.append(workload.protocol().id() + "-" + workload.streams(), matches);
      }
      return new StepResult(
          clientName,
          workload,
          client.transport(),
          Cost.between(a, b),
          client.lag(),
          gcStats,
          matches == null ? null : TtftError.of(matches),
          messages[0],
          messages[1],
          truth.jitter() == null ? Double.NaN : truth.jitter().p99Micros() / 1000.0,
          heapStart,
          heapEnd,
          heapSeries.isEmpty() ? null : heapSeries,
          loadAverage);
    }
  }

  /**
   * Runs {@code client} on {@code workload} for the ramp and {@code seconds} more, measuring
   * nothing.
   */
  void warmUp(BenchClient client, Workload workload, double seconds) {
    try (client) {
      sleepAskingForStats(client.start() + seconds(workload.rampSeconds() + seconds));
    }
  }

  /**
   * Sleeps until {@code untilNs}, asking the server for its stats every second as a window's edges
   * do, and not in the last seconds before it. The stats requests share the server's request path
   * (HTTP decoding, routing, Jackson); when the first ones came at a window's edge, they
   * deoptimized that compiled path and bench-server recompiled it inside the window (at 2,000
   * streams 180-445 compilations as the first tokens of a burst were written).
   */
  private void sleepAskingForStats(long untilNs) {
    for (long next = System.nanoTime();
        next < untilNs - STATS_QUIET_NS;
        next += STATS_WARMUP_PERIOD_NS) {
      sleepUntil(next);
      server.reset();
      server.counters();
      server.withRecent(ServerStats.RECENT_CAPACITY);
    }
    sleepUntil(untilNs);
  }

  private static long seconds(double s) {
    return (long) (s * 1e9);
  }

  private static void sleepUntil(long deadlineNs) {
    long waitNs = deadlineNs - System.nanoTime();
    if (waitNs > 0) {
      sleepMillis(TimeUnit.NANOSECONDS.toMillis(waitNs));
    }
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted");
    }
  }
}
