package dev.streamstorm.benchserver.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Ground-truth counters shared by all event loops: lock-free on the request path (adders and a
 * multi-writer HdrHistogram {@link Recorder}); snapshots merge the recorder into a running total.
 */
public final class StatsCollector {

  /**
   * How many recent requests /stats keeps: enough for a benchmark to find every message of a 20 s
   * window at 10,000 streams (about 1,000 finish a second) after the last of them ended.
   */
  public static final int RECENT_CAPACITY = 50_000;

  /** How many of them /stats returns when no {@code limit} is given. */
  public static final int DEFAULT_RECENT_LIMIT = 10_000;

  private final Map<String, Map<Integer, LongAdder>> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();
  private final AtomicInteger activeStreams = new AtomicInteger();
  private final LongAdder tokensSent = new LongAdder();
  private final Recorder jitterRecorder = new Recorder(3);
  private final Histogram jitterTotal = new Histogram(3);
  private final RecentRequests recent = new RecentRequests(RECENT_CAPACITY);

  public void streamOpened() {
    activeStreams.incrementAndGet();
  }

  public void streamClosed() {
    activeStreams.decrementAndGet();
  }

  public void tokenSent() {
    tokensSent.increment();
  }

  /** Records one scheduled write's lateness (actual minus due), in nanoseconds. */
  public void recordJitter(long lateNanos) {
    jitterRecorder.recordValue(Math.max(0, lateNanos) / 1_000);
  }

  /** Counts a finished request by endpoint, status and fault, and keeps its record. */
  public void record(RequestRecord r) {
    requests
        .computeIfAbsent(r.endpoint(), k -> new ConcurrentHashMap<>())
        .computeIfAbsent(r.status(), k -> new LongAdder())
        .increment();
    if (!"none".equals(r.fault())) {
      faults.computeIfAbsent(r.fault(), k -> new LongAdder()).increment();
    }
    recent.add(r);
  }

  public BenchServerStats snapshot(int generating, int queueDepth, int limit, String requestId) {
    Map<String, Map<String, Long>> byEndpoint = new TreeMap<>();
    requests.forEach(
        (endpoint, byStatus) -> {
          Map<String, Long> counts = new TreeMap<>();
          byStatus.forEach((status, n) -> counts.put(String.valueOf(status), n.sum()));
          byEndpoint.put(endpoint, counts);
        });
    Map<String, Long> faultCounts = new TreeMap<>();
    faults.forEach((f, n) -> faultCounts.put(f, n.sum()));
    return new BenchServerStats(
        byEndpoint,
        faultCounts,
        activeStreams.get(),
        generating,
        queueDepth,
        tokensSent.sum(),
        jitter(),
        recent.newest(limit, requestId));
  }

  /** Clears counters, jitter and recent requests; gauges (open streams, queue) stay true. */
  public void reset() {
    requests.clear();
    faults.clear();
    tokensSent.reset();
    synchronized (jitterTotal) {
      jitterRecorder.reset();
      jitterTotal.reset();
    }
    recent.clear();
  }

  private JitterSummary jitter() {
    synchronized (jitterTotal) {
      jitterTotal.add(jitterRecorder.getIntervalHistogram());
      return new JitterSummary(
          jitterTotal.getTotalCount(),
          jitterTotal.getValueAtPercentile(50),
          jitterTotal.getValueAtPercentile(99),
          jitterTotal.getMaxValue());
    }
  }
}
