package dev.streamstorm.engine;

import dev.streamstorm.metrics.CountSource;
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
    LoopRecorder recorder = new LoopRecorder(Slo.NONE, 0);
    long[] gaps = {1_000_000, 2_000_000};
    MessageOutcome primed =
        MessageOutcome.builder()
            .message(0, "warm-up", 1, 0)
            .starts(0, 0, 1_000)
            .firstByteNs(2_000)
            .firstTokenNs(3_000)
            .endNs(5_000)
            .chunks(2)
            .tokens(2, CountSource.CHUNKS)
            .build();
    for (int i = 0; i < ROUNDS; i++) {
      recorder.record(primed, gaps, 2);
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
