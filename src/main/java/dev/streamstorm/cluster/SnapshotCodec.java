package dev.streamstorm.cluster;

import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.HistogramCodec;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.SeriesKey;
import dev.streamstorm.metrics.Tag;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * An interval snapshot on the wire: histograms in HdrHistogram's compressed encoding (base64),
 * counters per tag, gauges. Instants travel as offsets from the sender's run start, since
 * System.nanoTime() means nothing on another machine; the receiver places them on its own clock.
 */
final class SnapshotCodec {
  private SnapshotCodec() {}

  static JsonObject encode(IntervalSnapshot s, long runStartNs) {
    JsonArray histograms = new JsonArray();
    s.histograms()
        .forEach(
            (key, h) ->
                histograms.add(
                    tag(new JsonObject().put("m", key.metric()), key.tag())
                        .put("h", HistogramCodec.encode(h))));
    JsonArray counters = new JsonArray();
    s.counters()
        .forEach(
            (tag, values) -> {
              JsonArray v = new JsonArray();
              for (long x : values) {
                v.add(x);
              }
              counters.add(tag(new JsonObject(), tag).put("v", v));
            });
    Gauges g = s.gauges();
    return new JsonObject()
        .put("index", s.index())
        .put("startNs", s.startNs() - runStartNs)
        .put("endNs", s.endNs() - runStartNs)
        .put("histograms", histograms)
        .put("counters", counters)
        .put(
            "gauges",
            new JsonObject()
                .put("activeUsers", g.activeUsers())
                .put("inFlight", g.inFlight())
                .put("targetRate", g.targetRate())
                .put("arrivals", g.arrivals())
                .put("dropped", g.dropped())
                .put("stage", g.stage())
                .put("cpuPercent", g.cpuPercent())
                .put("busiestLoopPercent", g.busiestLoopPercent()));
  }

  /** The snapshot with its instants placed on this JVM's clock: {@code baseNs} is its run start. */
  static IntervalSnapshot decode(JsonObject j, long baseNs) {
    Map<SeriesKey, Histogram> histograms = new HashMap<>();
    for (Object o : j.getJsonArray("histograms")) {
      JsonObject h = (JsonObject) o;
      histograms.put(
          new SeriesKey(h.getString("m"), tag(h)), HistogramCodec.decode(h.getString("h")));
    }
    Map<Tag, long[]> counters = new HashMap<>();
    for (Object o : j.getJsonArray("counters")) {
      JsonObject c = (JsonObject) o;
      JsonArray v = c.getJsonArray("v");
      long[] values = new long[Counter.SIZE];
      for (int i = 0; i < Math.min(values.length, v.size()); i++) {
        values[i] = v.getLong(i);
      }
      counters.put(tag(c), values);
    }
    JsonObject g = j.getJsonObject("gauges");
    Gauges gauges =
        new Gauges(
            g.getInteger("activeUsers"),
            g.getInteger("inFlight"),
            g.getDouble("targetRate"),
            g.getLong("arrivals"),
            g.getLong("dropped"),
            g.getInteger("stage"),
            g.getDouble("cpuPercent"),
            g.getDouble("busiestLoopPercent"));
    return new IntervalSnapshot(
        j.getInteger("index"),
        baseNs + j.getLong("startNs"),
        baseNs + j.getLong("endNs"),
        histograms,
        counters,
        gauges);
  }

  private static JsonObject tag(JsonObject into, Tag t) {
    if (t.conversation() != null) {
      into.put("c", t.conversation());
    }
    if (t.turn() != 0) {
      into.put("t", t.turn());
    }
    return into;
  }

  private static Tag tag(JsonObject from) {
    return new Tag(from.getString("c"), from.getInteger("t", 0));
  }
}
