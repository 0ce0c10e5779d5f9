package dev.streamstorm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

/**
 * What one client measured over a whole cold run (ms): every message counts, the first ones
 * included. The floor client writes these itself ({@code bench-floor --out}); streamstorm's come
 * from its results document.
 *
 * @param messages messages that ended well
 * @param failed messages that failed
 * @param lagP99Ms event-loop lag p99 over the run
 * @param gcPauses stop-the-world collections in the run
 * @param gcMaxMs the longest of them
 * @param collector the JVM's collector (G1, Parallel...)
 */
public record ColdFigures(
    double ttftP50Ms,
    double ttftP99Ms,
    double ttftMaxMs,
    double ttfbP50Ms,
    double ttfbP99Ms,
    long messages,
    long failed,
    double lagP99Ms,
    double lagMaxMs,
    long gcPauses,
    double gcMaxMs,
    String collector) {

  static ColdFigures of(
      Histogram ttftMicros,
      Histogram ttfbMicros,
      long ok,
      long failed,
      Lag lag,
      GcWindow.Stats gc,
      String collector) {
    return new ColdFigures(
        ms(ttftMicros.getValueAtPercentile(50)),
        ms(ttftMicros.getValueAtPercentile(99)),
        ms(ttftMicros.getMaxValue()),
        ms(ttfbMicros.getValueAtPercentile(50)),
        ms(ttfbMicros.getValueAtPercentile(99)),
        ok,
        failed,
        lag.p99Ms(),
        lag.maxMs(),
        gc.pauses(),
        gc.maxMs(),
        collector);
  }

  /** From a streamstorm results document ({@code run --out}; docs/results-schema.md). */
  static ColdFigures ofResults(JsonNode results) {
    JsonNode metrics = results.path("metrics");
    JsonNode generator = results.path("generator");
    JsonNode gc = generator.path("gcPauses");
    return new ColdFigures(
        metrics.path("ttft").path("p50").asDouble(Double.NaN),
        metrics.path("ttft").path("p99").asDouble(Double.NaN),
        metrics.path("ttft").path("max").asDouble(Double.NaN),
        metrics.path("ttfb").path("p50").asDouble(Double.NaN),
        metrics.path("ttfb").path("p99").asDouble(Double.NaN),
        results.path("messages").path("ok").asLong(),
        results.path("messages").path("failed").asLong(),
        generator.path("loopLag").path("p99").asDouble(Double.NaN),
        generator.path("loopLag").path("max").asDouble(Double.NaN),
        gc.path("count").asLong(0),
        gc.path("max").asDouble(0),
        generator.path("collector").asText(null));
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
