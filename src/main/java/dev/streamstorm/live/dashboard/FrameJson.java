package dev.streamstorm.live.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.live.LiveFrame;
import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.results.ThresholdResult;
import dev.streamstorm.report.ThresholdText;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One interval as the dashboard page reads it (live.js): the interval's counts, percentiles and
 * gauges for the charts, the run's totals for the key numbers, and the thresholds as they stand.
 * Built once per interval on the live thread and sent as is to every browser.
 */
final class FrameJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FrameJson() {}

  static String of(LiveFrame f) {
    Gauges g = f.gauges();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("i", f.index());
    p.put("t", round(f.elapsedSeconds()));
    p.put("dt", round(f.intervalSeconds()));
    p.put("warmup", f.status().warmingUp());
    p.put("users", g.activeUsers());
    p.put("inFlight", g.inFlight());
    if (f.status().openModel()) {
      p.put("targetRate", g.targetRate());
      p.put("arrivals", g.arrivals());
      p.put("dropped", g.dropped());
    }
    p.put("ok", f.interval().ok());
    p.put("failed", f.interval().failed());
    p.put("tokens", f.interval().tokens());
    p.put("errors", f.interval().errors());
    p.put("pct", f.interval().percentilesMs());
    p.put("lagP99", round(f.interval().lagP99Ms()));
    p.put("cpu", round(g.cpuPercent()));
    p.put(
        "planned",
        f.status().plannedNs() == Long.MAX_VALUE ? null : round(f.status().plannedNs() / 1e9));
    p.put("endReason", f.status().endReason());
    p.put("totals", totals(f));
    p.put("run", f.runPercentilesMs());
    p.put("thresholds", thresholds(f.thresholds()));
    if (f.status().agentsTotal() > 0) {
      p.put("agents", List.of(f.status().agentsHealthy(), f.status().agentsTotal()));
    }
    return write(p);
  }

  /** What the page needs once the run has ended: why, and that the report is there. */
  static String end(String endReason) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("endReason", endReason);
    m.put("report", "report.html");
    return write(m);
  }

  private static Map<String, Long> totals(LiveFrame f) {
    Map<String, Long> t = new LinkedHashMap<>();
    t.put("ok", 0L);
    t.put("failed", 0L);
    t.put("interrupted", 0L);
    t.put("tokens", 0L);
    // Message counters are exported per turn: the run's totals are their sum.
    f.counters()
        .forEach(
            c -> {
              String key = key(c.index());
              if (key != null) {
                t.merge(key, c.value(), Long::sum);
              }
            });
    return t;
  }

  private static String key(int index) {
    if (index == Counter.OK.ordinal()) {
      return "ok";
    }
    if (index == Counter.FAILED.ordinal()) {
      return "failed";
    }
    if (index == Counter.INTERRUPTED.ordinal()) {
      return "interrupted";
    }
    return index == Counter.TOKENS.ordinal() ? "tokens" : null;
  }

  private static List<Map<String, Object>> thresholds(List<ThresholdResult> results) {
    List<Map<String, Object>> out = new ArrayList<>(results.size());
    for (ThresholdResult t : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule", ThresholdText.rule(t));
      m.put("measured", ThresholdText.measured(t));
      m.put("pass", t.pass());
      out.add(m);
    }
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
