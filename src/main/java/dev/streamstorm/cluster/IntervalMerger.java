package dev.streamstorm.cluster;

import dev.streamstorm.metrics.IntervalSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Lines up the agents' interval snapshots by interval number and merges each number once every
 * agent still running has sent it, or once it is overdue (an agent late or silent). A snapshot that
 * arrives after its number was merged is carried into the next merge, so nothing an agent recorded
 * is lost, only attributed to a later interval. Confined to the coordinator's thread.
 */
final class IntervalMerger {
  private final TreeMap<Integer, Map<Integer, IntervalSnapshot>> pending = new TreeMap<>();
  private final List<IntervalSnapshot> carried = new ArrayList<>();
  private final boolean[] lost;
  private final int[] sentInAll;
  private int next;
  private int merged;

  IntervalMerger(int agents) {
    this.lost = new boolean[agents];
    this.sentInAll = new int[agents];
    java.util.Arrays.fill(sentInAll, -1);
  }

  void offer(int agent, IntervalSnapshot s) {
    if (s.index() < next) {
      carried.add(s);
    } else {
      pending.computeIfAbsent(s.index(), i -> new TreeMap<>()).put(agent, s);
    }
  }

  /** The agent has finished after sending {@code intervals} snapshots (numbers 0 to n-1). */
  void finished(int agent, int intervals) {
    sentInAll[agent] = intervals;
  }

  /** The agent is gone: no interval waits for it any more. */
  void lost(int agent) {
    lost[agent] = true;
  }

  /**
   * Merges, in order, every interval that every agent it waits for has sent, or that {@code
   * overdue} says has waited long enough.
   */
  List<IntervalSnapshot> poll(IntPredicate overdue) {
    List<IntervalSnapshot> out = new ArrayList<>();
    while (!pending.isEmpty() || !carried.isEmpty()) {
      Map<Integer, IntervalSnapshot> parts = pending.get(next);
      if (parts == null) {
        Integer later = pending.isEmpty() ? null : pending.firstKey();
        // Nobody will send this number (or it was lost on the way): move on to what did arrive.
        if (later != null && (!anyWaitingFor(next) || overdue.test(next))) {
          next = later;
          continue;
        }
        break;
      }
      if (!complete(next, parts) && !overdue.test(next)) {
        break;
      }
      out.add(mergeNext(parts));
    }
    return out;
  }

  /** Merges whatever is left, in order (the run is over). */
  List<IntervalSnapshot> flush() {
    List<IntervalSnapshot> out = new ArrayList<>();
    while (!pending.isEmpty()) {
      next = pending.firstKey();
      out.add(mergeNext(pending.get(next)));
    }
    if (!carried.isEmpty()) {
      out.add(SnapshotMerge.merge(merged++, List.of(), List.copyOf(carried)));
      carried.clear();
    }
    return out;
  }

  private IntervalSnapshot mergeNext(Map<Integer, IntervalSnapshot> parts) {
    IntervalSnapshot m =
        SnapshotMerge.merge(merged++, List.copyOf(parts.values()), List.copyOf(carried));
    carried.clear();
    pending.remove(next);
    next++;
    return m;
  }

  private boolean complete(int index, Map<Integer, IntervalSnapshot> parts) {
    for (int a = 0; a < lost.length; a++) {
      if (waitsFor(a, index) && !parts.containsKey(a)) {
        return false;
      }
    }
    return true;
  }

  private boolean anyWaitingFor(int index) {
    for (int a = 0; a < lost.length; a++) {
      if (waitsFor(a, index)) {
        return true;
      }
    }
    return false;
  }

  private boolean waitsFor(int agent, int index) {
    return !lost[agent] && (sentInAll[agent] < 0 || index < sentInAll[agent]);
  }
}
