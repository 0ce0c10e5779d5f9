package dev.streamstorm.protocol.sse;

import static dev.streamstorm.protocol.SampleStreams.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.protocol.SampleStreams;
import dev.streamstorm.protocol.sse.RecordingListener.Event;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gatling's technique: every representative stream is decoded whole, then re-decoded split at every
 * byte position (and pair of positions for the short ones), in one-byte chunks, and from direct
 * ByteBufs; the events must be identical every time.
 */
class SseDecoderSplitTest {

  static Stream<Arguments> streams() {
    return Stream.of(
        Arguments.of("openai-chat", utf8(SampleStreams.OPENAI_CHAT), openAiEvents()),
        Arguments.of(
            "anthropic-messages", utf8(SampleStreams.ANTHROPIC_MESSAGES), anthropicEvents()),
        Arguments.of(
            "mixed-rules",
            utf8(SampleStreams.MIXED_RULES),
            List.of(
                new Event("update", "line1\nline2", "7"),
                new Event("message", "é€😀", "7"),
                new Event("message", "", ""))),
        Arguments.of(
            "crlf-and-comments",
            utf8(":ok\r\n\r\nevent: token\r\ndata: {\"a\":\"ü\"}\r\n\r\n: ping\r\n\r\n"),
            List.of(new Event("token", "{\"a\":\"ü\"}", ""))));
  }

  private static List<Event> openAiEvents() {
    List<Event> events = new ArrayList<>();
    for (String data : SampleStreams.OPENAI_DATA) {
      events.add(RecordingListener.message(data));
    }
    return events;
  }

  private static List<Event> anthropicEvents() {
    List<Event> events = new ArrayList<>();
    for (String[] e : SampleStreams.ANTHROPIC_EVENTS) {
      events.add(new Event(e[0], e[1], ""));
    }
    return events;
  }

  private static List<Event> decode(byte[] stream, int... splits) {
    RecordingListener listener = new RecordingListener();
    SseDecoder decoder = new SseDecoder(listener);
    int from = 0;
    for (int split : splits) {
      decoder.feed(stream, from, split - from);
      from = split;
    }
    decoder.feed(stream, from, stream.length - from);
    decoder.end();
    return listener.events;
  }

  private static List<Event> decodeDirect(byte[] stream, int chunkBytes) {
    RecordingListener listener = new RecordingListener();
    SseDecoder decoder = new SseDecoder(listener);
    ByteBuf buf = Unpooled.directBuffer(stream.length).writeBytes(stream);
    try {
      for (int from = 0; from < stream.length; from += chunkBytes) {
        decoder.feed(buf.slice(from, Math.min(chunkBytes, stream.length - from)));
      }
    } finally {
      buf.release();
    }
    decoder.end();
    return listener.events;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void wholeStreamDecodesToTheExpectedEvents(String name, byte[] stream, List<Event> expected) {
    assertThat(decode(stream)).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void splitAtEveryBytePositionDecodesTheSame(String name, byte[] stream, List<Event> expected) {
    for (int split = 0; split <= stream.length; split++) {
      assertThat(decode(stream, split)).as("split at %d", split).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void splitAtEveryPairOfPositionsDecodesTheSame(String name, byte[] stream, List<Event> expected) {
    int limit = Math.min(stream.length, 160); // all pairs within the first 160 bytes
    for (int first = 0; first <= limit; first++) {
      for (int second = first; second <= limit; second++) {
        assertThat(decode(stream, first, second))
            .as("splits at %d and %d", first, second)
            .isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void oneByteChunksDecodeTheSame(String name, byte[] stream, List<Event> expected) {
    int[] everyByte = new int[stream.length];
    Arrays.setAll(everyByte, i -> i);
    assertThat(decode(stream, everyByte)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void directByteBufChunksOfEverySizeDecodeTheSame(
      String name, byte[] stream, List<Event> expected) {
    for (int chunkBytes = 1; chunkBytes <= 64; chunkBytes++) {
      assertThat(decodeDirect(stream, chunkBytes))
          .as("chunks of %d", chunkBytes)
          .isEqualTo(expected);
    }
    assertThat(decodeDirect(stream, stream.length)).isEqualTo(expected);
  }
}
