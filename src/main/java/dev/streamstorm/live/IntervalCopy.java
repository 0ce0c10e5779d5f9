package dev.streamstorm.live;

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
 * What the live thread keeps of an interval snapshot, whose histograms and counters the collector
 * reuses: the counters, the gauges, and each metric's series at its finest slice only as {@link
 * SeriesValues}. The collector's roll-ups (a turn's values added into its conversation's and the
 * run's series) are left out: the live thread adds them up again from the finest series, so the
 * ticker walks a third of the histograms.
 */
record IntervalCopy(
    int index,
    long startNs,
    long endNs,
    Gauges gauges,
    Map<Tag, long[]> counters,
    List<SeriesValues> series) {

  static IntervalCopy of(IntervalSnapshot s) {
    // The run records each metric at one slice; what is coarser in a snapshot is a roll-up.
    Map<String, Integer> finest = new HashMap<>();
    s.histograms().keySet().forEach(k -> finest.merge(k.metric(), level(k.tag()), Math::max));
    List<SeriesValues> series = new ArrayList<>();
    for (Map.Entry<SeriesKey, Histogram> e : s.histograms().entrySet()) {
      SeriesKey k = e.getKey();
      if (!k.isUsage() && level(k.tag()) == finest.get(k.metric())) {
        series.add(SeriesValues.of(k, e.getValue()));
      }
    }
    Map<Tag, long[]> counters = new HashMap<>(s.counters().size() * 2);
    s.counters().forEach((tag, c) -> counters.put(tag, c.clone()));
    return new IntervalCopy(s.index(), s.startNs(), s.endNs(), s.gauges(), counters, series);
  }

  double seconds() {
    return (endNs - startNs) / 1e9;
  }

  /** 0 for all messages, 1 for a conversation, 2 for a turn of one. */
  static int level(Tag t) {
    return t.isAll() ? 0 : t.isTurn() ? 2 : 1;
  }
}
