package dev.streamstorm.bench;

import dev.streamstorm.protocol.sse.SseDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SSE decoding throughput on an OpenAI stream of {@link #TOKENS} content chunks ({@link #EVENTS}
 * events, {@link #STREAM_BYTES} bytes). One operation is one event, so the score is events/s and
 * {@code gc.alloc.rate.norm} is bytes allocated per event; bytes/s = events/s x STREAM_BYTES /
 * EVENTS (printed at setup).
 *
 * <p>Chunkings: {@code event} one array per event, as a server flushing per token delivers them;
 * {@code split37} 37-byte arrays, which cut lines, UTF-8 characters and "\n\n" pairs anywhere;
 * {@code direct-event} and {@code direct-split37} the same as direct ByteBufs, what Netty hands
 * over.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SseDecoderBenchmark {

  static final int TOKENS = 50;
  static final int EVENTS = TOKENS + 4;
  static final int STREAM_BYTES = concat(OpenAiStream.eventBytes(TOKENS)).length;
  private static final int SPLIT_BYTES = 37;

  @Param({"event", "split37", "direct-event", "direct-split37"})
  public String chunking;

  private byte[][] arrays;
  private ByteBuf[] buffers;
  private SseDecoder decoder;

  @Setup
  public void setUp(Blackhole blackhole) {
    byte[][] events = OpenAiStream.eventBytes(TOKENS);
    byte[][] chunks = chunking.endsWith("split37") ? split(concat(events), SPLIT_BYTES) : events;
    if (chunking.startsWith("direct")) {
      buffers = new ByteBuf[chunks.length];
      for (int i = 0; i < chunks.length; i++) {
        buffers[i] = Unpooled.directBuffer(chunks[i].length).writeBytes(chunks[i]);
      }
    } else {
      arrays = chunks;
    }
    decoder = new SseDecoder(event -> blackhole.consume(event.dataLength()));
    System.out.printf("%n[stream: %d events, %d bytes]%n", EVENTS, STREAM_BYTES);
  }

  @TearDown
  public void tearDown() {
    if (buffers != null) {
      Arrays.stream(buffers).forEach(ByteBuf::release);
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void decodeOpenAiStream() {
    if (buffers != null) {
      for (ByteBuf buffer : buffers) {
        decoder.feed(buffer);
      }
    } else {
      for (byte[] chunk : arrays) {
        decoder.feed(chunk, 0, chunk.length);
      }
    }
  }

  private static byte[] concat(byte[][] parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[][] split(byte[] bytes, int size) {
    List<byte[]> chunks = new ArrayList<>();
    for (int from = 0; from < bytes.length; from += size) {
      chunks.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size)));
    }
    return chunks.toArray(new byte[0][]);
  }
}
