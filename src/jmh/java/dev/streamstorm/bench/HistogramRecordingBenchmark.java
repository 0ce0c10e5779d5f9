package dev.streamstorm.bench;

import dev.streamstorm.metrics.CountSource;
import dev.streamstorm.metrics.LoopRecorder;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.Slo;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.SingleWriterRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of recording metrics on an event loop (ns/op; with {@code -prof gc}, bytes per op).
 *
 * <ul>
 *   <li>{@code recordMessage}: {@link LoopRecorder#record} of one typical finished message: ttft
 *       about 100 ms, 50 tokens, so 50 inter-token gaps of about 20 ms, into the run, conversation
 *       and turn series (what every message costs when it ends);
 *   <li>{@code recordValue}: one {@link SingleWriterRecorder#recordValue}, the unit underneath.
 * </ul>
 *
 * Values vary from op to op (a ring of 1,024 drawn messages) so the histogram buckets touched do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HistogramRecordingBenchmark {

  private static final int RING = 1_024;
  private static final int GAPS = 50;
  private static final long MS = 1_000_000L;

  private final LoopRecorder loop = new LoopRecorder(Slo.NONE, 0);
  private final SingleWriterRecorder recorder = new SingleWriterRecorder(3);
  private final MessageOutcome[] messages = new MessageOutcome[RING];
  private final long[][] gaps = new long[RING][GAPS];
  private final long[] values = new long[RING];
  private int next;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < RING; i++) {
      long start = 1_000 * MS;
      long firstToken = start + 95 * MS + random.nextLong(10 * MS);
      long t = firstToken;
      for (int g = 0; g < GAPS; g++) {
        gaps[i][g] = 18 * MS + random.nextLong(4 * MS);
        t += gaps[i][g];
      }
      messages[i] =
          MessageOutcome.builder()
              .message(i, "bench", 1, 1)
              .starts(start, start, start)
              .firstByteNs(start + random.nextLong(MS))
              .firstTokenNs(firstToken)
              .endNs(t)
              .chunks(GAPS + 1)
              .tokens(GAPS + 1, CountSource.USAGE)
              .error(null, null)
              .attempts(1, 0)
              .reconnects(0)
              .usage(Map.of())
              .build();
      values[i] = 15_000 + random.nextLong(10_000);
    }
  }

  @Benchmark
  public void recordMessage() {
    int i = next++ & (RING - 1);
    loop.record(messages[i], gaps[i], GAPS);
  }

  @Benchmark
  public void recordValue() {
    recorder.recordValue(values[next++ & (RING - 1)]);
  }
}
