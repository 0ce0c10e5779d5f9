package dev.streamstorm.engine;

import dev.streamstorm.metrics.CountSource;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.LoopRecorder;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.Slo;
import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.protocol.stream.StreamSink;
import dev.streamstorm.scenario.ConversationSpec;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.TemplateContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Warms the per-message code paths for the JIT: runs template rendering, the SSE decoder, the
 * stream interpreter and histogram recording {@value #ROUNDS} times on synthetic data before the
 * clock starts, off the event loops, so that they are loaded and compiled rather than interpreted
 * when the first measured messages arrive. Without it, the first second of a run spends hundreds of
 * milliseconds of event-loop time loading classes and interpreting cold code, and the first
 * messages' latencies carry that delay. {@link ClientWarmup} warms the network side.
 */
final class HotPathWarmup {
  private static final int ROUNDS = 2_000;

  /** A new recorder this often: its first records take the paths a new structure takes. */
  private static final int FRESH_RECORDER_EVERY = 50;

  private static final int FAILURE_EVERY = 20;
  private static final int GAPS = 8;

  private HotPathWarmup() {}

  static void run(Scenario scenario, StreamInterpreter interpreter, TokenCounter counter) {
    byte[] stream = SyntheticStream.sse(scenario.stream());
    StreamSink discard = new DiscardingSink();
    // A direct buffer, as sockets deliver: the decoder's path from one is the one a run takes.
    ByteBuf direct = Unpooled.directBuffer(stream.length).writeBytes(stream);
    try {
      for (int i = 0; i < ROUNDS; i++) {
        SseDecoder decoder = new SseDecoder(event -> interpreter.onSseEvent(event, 0L, discard));
        decoder.feed(direct);
        decoder.end();
      }
    } finally {
      direct.release();
    }
    TemplateContext ctx = FixedTemplateContext.PLAIN;
    MessageRequests requests = new MessageRequests(scenario);
    for (ConversationSpec c : scenario.conversations()) {
      for (ConversationSpec.Turn t : c.turns()) {
        String message = t.message().render(ctx);
        if (scenario.protocol() == Protocol.WEBSOCKET) {
          requests.webSocketFrame(ctx);
        } else {
          requests.message(ctx, requests.sendsHistory() ? new History() : null, message);
        }
        if (counter != null) {
          counter.count(message);
        }
      }
    }
    warmRecording();
  }

  /**
   * Records synthetic messages the way a run does, including what a run does only now and then: a
   * recorder met for the first time (empty maps, histograms that grow on their first large value),
   * messages on both sides of the warm-up's end, values across the histograms' range, a failure.
   * The JIT compiles the recording path from the profile gathered here and in the run's first
   * seconds; a branch absent from it is compiled as a trap, and the first measured messages of a
   * run with a warm-up took those branches all at once (the measured twin's maps and histograms are
   * new then): the recording path was deoptimized and recompiled at the start of the window
   * (docs/performance.md, "The recording path at the end of the warm-up").
   */
  private static void warmRecording() {
    long warmupEndNs = 1_000_000_000L;
    long[] gaps = new long[GAPS];
    LoopRecorder recorder = null;
    for (int i = 0; i < ROUNDS; i++) {
      if (i % FRESH_RECORDER_EVERY == 0) {
        recorder = new LoopRecorder(Slo.NONE, warmupEndNs);
      }
      // Durations from a microsecond to about 17 s, by doubling: each histogram grows in steps.
      long durationNs = 1_000L << (i % 25);
      for (int g = 0; g < GAPS; g++) {
        gaps[g] = durationNs >>> g;
      }
      long startNs = (i & 1) == 0 ? 0 : warmupEndNs;
      MessageOutcome.Builder b =
          MessageOutcome.builder()
              .message(0, "warm-up", 1 + (i & 1), 0)
              .starts(startNs, startNs, startNs)
              .firstByteNs(startNs + durationNs / 4)
              .firstTokenNs(startNs + durationNs / 2)
              .endNs(startNs + durationNs)
              .chunks(GAPS + 1)
              .tokens(GAPS + 1, CountSource.CHUNKS);
      if (i % FAILURE_EVERY == FAILURE_EVERY - 1) {
        b.error(ErrorClass.STREAM_BROKEN, "warm-up");
      }
      recorder.record(b.build(), gaps, GAPS);
    }
  }

  private static final class DiscardingSink implements StreamSink {
    @Override
    public void onToken(char[] text, int offset, int length, long arrivalNs) {}

    @Override
    public void onUsage(int slot, double value) {}

    @Override
    public void onDone(long arrivalNs) {}

    @Override
    public void onStreamError(String message, long arrivalNs) {}

    @Override
    public void onMalformed(String reason, long arrivalNs) {}
  }
}
