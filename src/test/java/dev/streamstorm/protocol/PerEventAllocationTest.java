package dev.streamstorm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.protocol.stream.StreamSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Keeps the hot-path contract: decoding and interpreting a token event allocates nothing once the
 * buffers have grown. Counts bytes, not time, so it holds on a busy machine.
 */
class PerEventAllocationTest {

  private static final class CountingSink implements StreamSink {
    long tokens;

    @Override
    public void onToken(char[] text, int offset, int length, long arrivalNs) {
      tokens++;
    }

    @Override
    public void onUsage(int slot, double value) {}

    @Override
    public void onDone(long arrivalNs) {}

    @Override
    public void onStreamError(String message, long arrivalNs) {}

    @Override
    public void onMalformed(String reason, long arrivalNs) {
      throw new AssertionError(reason);
    }
  }

  @Test
  void decodingAndInterpretingATokenEventAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    StreamInterpreter interpreter = StreamInterpreter.compile(SampleStreams.OPENAI_RULES);
    CountingSink sink = new CountingSink();
    SseDecoder decoder = new SseDecoder(event -> interpreter.onSseEvent(event, 0L, sink));
    byte[] event =
        SampleStreams.utf8("data: " + SampleStreams.openAiContentChunk(" wörld") + "\n\n");
    // A direct buffer, as a socket hands it over: the path a run takes.
    ByteBuf direct = Unpooled.directBuffer(event.length).writeBytes(event);
    for (int i = 0; i < 2_000; i++) {
      decoder.feed(direct);
    }
    int events = 5_000;
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < events; i++) {
      decoder.feed(direct);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    direct.release();
    assertThat(sink.tokens).isEqualTo(2_000 + events);
    assertThat((double) allocated / events).as("bytes allocated per event").isLessThan(8.0);
  }
}
