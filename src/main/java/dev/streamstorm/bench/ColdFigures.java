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
 * @param connectP99Ms connection set-up p99 (TCP connect, of the connections the run opened)
 * @param ttftFromSendP99Ms the floor's ttft p99 from its send, the connection's set-up left out
 *     (how the floor was clocked before its clock started at the intended start); NaN for
 *     streamstorm, whose every clock starts at the intended start
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
    String collector,
    double connectP99Ms,
    double ttftFromSendP99Ms) {

  static ColdFigures of(
      MessageTimings timings, long ok, long failed, Lag lag, GcWindow.Stats gc, String collector) {
    Histogram ttftMicros = timings.firstTokenMicros();
    Histogram ttfbMicros = timings.firstByteMicros();
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
        collector,
        ms(timings.connectMicros().getValueAtPercentile(99)),
        ms(timings.firstTokenFromSendMicros().getValueAtPercentile(99)));
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
        generator.path("collector").asText(null),
        metrics.path("connect").path("p99").asDouble(Double.NaN),
        Double.NaN);
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
