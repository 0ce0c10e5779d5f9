package dev.streamstorm.cluster;

import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.SeriesKey;
import dev.streamstorm.metrics.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Merges the same interval of several agents into one snapshot, exactly: histograms are added
 * (never percentiles averaged), counters summed. Gauges: users, streams in flight and target rate
 * are summed over the agents; arrivals and drops (counts within the interval) too; the stage is the
 * furthest any agent reached; CPU and busiest-loop percentages are the busiest agent's, since one
 * saturated agent is what distorts latencies. Pure.
 */
public final class SnapshotMerge {
  /** As the engine's recorders: three significant digits, auto-resizing. */
  private static final int SIGNIFICANT_DIGITS = 3;

  private SnapshotMerge() {}

  /**
   * @param index the merged interval's number
   * @param current the agents' snapshots of this interval: their times and gauges count
   * @param carried snapshots that arrived after their own interval was merged: their histograms and
   *     counts are added here so that nothing recorded is lost, their point-in-time gauges are not
   */
  public static IntervalSnapshot merge(
      int index, List<IntervalSnapshot> current, List<IntervalSnapshot> carried) {
    if (current.isEmpty()) {
      return merge(index, carried, List.of());
    }
    List<IntervalSnapshot> all = new ArrayList<>(current);
    all.addAll(carried);
    Map<SeriesKey, Histogram> histograms = new HashMap<>();
    Map<Tag, long[]> counters = new HashMap<>();
    long arrivals = 0;
    long dropped = 0;
    for (IntervalSnapshot s : all) {
      s.histograms()
          .forEach(
              (k, h) ->
                  histograms.computeIfAbsent(k, x -> new Histogram(SIGNIFICANT_DIGITS)).add(h));
      s.counters()
          .forEach(
              (tag, values) -> {
                long[] sum = counters.computeIfAbsent(tag, t -> new long[Counter.SIZE]);
                for (int i = 0; i < Counter.SIZE; i++) {
                  sum[i] += values[i];
                }
              });
      arrivals += s.gauges().arrivals();
      dropped += s.gauges().dropped();
    }
    long startNs = Long.MAX_VALUE;
    long endNs = Long.MIN_VALUE;
    int users = 0;
    int inFlight = 0;
    double targetRate = 0;
    int stage = 0;
    double cpu = 0;
    double busiest = 0;
    for (IntervalSnapshot s : current) {
      Gauges g = s.gauges();
      startNs = Math.min(startNs, s.startNs());
      endNs = Math.max(endNs, s.endNs());
      users += g.activeUsers();
      inFlight += g.inFlight();
      targetRate += g.targetRate();
      stage = Math.max(stage, g.stage());
      cpu = Math.max(cpu, g.cpuPercent());
      busiest = Math.max(busiest, g.busiestLoopPercent());
    }
    return new IntervalSnapshot(
        index,
        startNs,
        endNs,
        histograms,
        counters,
        new Gauges(users, inFlight, targetRate, arrivals, dropped, stage, cpu, busiest));
  }
}
