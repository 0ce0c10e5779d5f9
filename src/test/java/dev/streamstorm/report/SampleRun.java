package dev.streamstorm.report;

import dev.streamstorm.metrics.CountSource;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.LoopRecorder;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.MetricsCollector;
import dev.streamstorm.metrics.RunAccumulator;
import dev.streamstorm.metrics.Slo;
import dev.streamstorm.metrics.results.RunInfo;
import dev.streamstorm.metrics.results.RunResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A small run driven through the real metrics pipeline (recorder, collector, accumulator) with made
 * up timings: three intervals, two conversations, some failures with a hostile error message. For
 * report tests that need realistic results without a server.
 */
public final class SampleRun {
  public static final long MS = 1_000_000L;
  public static final long START_NS = 1_000 * MS;
  public static final String HOSTILE = "</script><script>alert('owned')</script><img src=x>";

  private final List<MessageOutcome> outcomes = new ArrayList<>();
  private int intervals;
  private RunResults results;

  /** Runs it; every snapshot also goes to {@code listener} as it closes. */
  public static SampleRun run(Consumer<IntervalSnapshot> listener) {
    SampleRun r = new SampleRun();
    r.drive(listener);
    return r;
  }

  public RunResults results() {
    return results;
  }

  public List<MessageOutcome> outcomes() {
    return outcomes;
  }

  public int intervals() {
    return intervals;
  }

  private void drive(Consumer<IntervalSnapshot> listener) {
    LoopRecorder rec = new LoopRecorder(Slo.NONE, START_NS);
    MetricsCollector collector = new MetricsCollector(List.of(rec));
    RunAccumulator acc = new RunAccumulator(START_NS, START_NS, 1.0);
    long t = START_NS;
    for (int interval = 0; interval < 3; interval++) {
      for (int i = 0; i < 10 + 5 * interval; i++) {
        long start = t + i * 20 * MS;
        String conv = i % 3 == 0 ? "tool_call" : "simple";
        long ttft = 100 + 10L * i + 50L * interval;
        MessageOutcome o = ok(i, conv, start, ttft, ttft + 200, 10);
        long[] gaps = new long[9];
        java.util.Arrays.fill(gaps, 20 * MS);
        rec.record(o, gaps, gaps.length);
        outcomes.add(o);
      }
      MessageOutcome bad = failed(interval, "simple", t + 5 * MS, ErrorClass.HTTP_5XX, HOSTILE);
      rec.record(bad, new long[0], 0);
      outcomes.add(bad);
      IntervalSnapshot s =
          collector.collect(
              t, t + 1_000 * MS, new Gauges(10 + interval, 3, 0, 0, 0, interval + 1, 20.0, 15.0));
      acc.accept(s);
      listener.accept(s);
      intervals++;
      t += 1_000 * MS;
    }
    Map<String, Object> load = new LinkedHashMap<>();
    load.put("model", "closed");
    load.put("stages", List.of("1s→10", "2s→12"));
    RunInfo info =
        new RunInfo(
            "sample <b>run</b>",
            "sample.yaml",
            "http://127.0.0.1:8080/v1/chat/completions",
            "sse",
            "openai-chat",
            load,
            Map.of("Authorization", "Bearer ${env:API_KEY}"),
            "2026-11-30T18:00:00Z",
            3.0,
            3.0,
            "duration",
            42,
            List.of(1.0, 3.0),
            false);
    results = acc.build(info, Map.of(), 2, collector.errorSamples(), "test");
  }

  private static MessageOutcome ok(
      int vu, String conv, long start, long ttftMs, long e2eMs, int chunks) {
    return MessageOutcome.builder()
        .message(vu, conv, 1, 0)
        .starts(start, start, start)
        .firstByteNs(start + 2 * MS)
        .firstTokenNs(start + ttftMs * MS)
        .endNs(start + e2eMs * MS)
        .chunks(chunks)
        .tokens(chunks, CountSource.CHUNKS)
        .error(null, null)
        .attempts(1, 0)
        .reconnects(0)
        .usage(Map.of())
        .build();
  }

  private static MessageOutcome failed(
      int vu, String conv, long start, ErrorClass e, String message) {
    return MessageOutcome.builder()
        .message(vu, conv, 1, 0)
        .starts(start, start, start)
        .firstByteNs(start + 3 * MS)
        .firstTokenNs(MessageOutcome.NONE)
        .endNs(start + 4 * MS)
        .chunks(0)
        .tokens(0, CountSource.CHUNKS)
        .error(e, message)
        .attempts(1, 0)
        .reconnects(0)
        .usage(Map.of())
        .build();
  }
}
