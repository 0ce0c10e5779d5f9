package dev.streamstorm.protocol.sse;

import static dev.streamstorm.protocol.sse.RecordingListener.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.protocol.sse.RecordingListener.Event;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rule of WHATWG event stream interpretation. */
class SseDecoderTest {

  private final RecordingListener listener = new RecordingListener();
  private final SseDecoder decoder = new SseDecoder(listener);

  private List<Event> decode(String... chunks) {
    for (String chunk : chunks) {
      feed(chunk.getBytes(StandardCharsets.UTF_8));
    }
    return listener.events;
  }

  private void feed(byte... bytes) {
    decoder.feed(bytes, 0, bytes.length);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void anEventWholeInOneChunkIsHandedOverInPlaceAndOthersFromTheDecodersBuffer() {
    byte[] whole = "data: {\"a\":1}\n\ndata: cut".getBytes(StandardCharsets.UTF_8);
    byte[] rest = " here\n\n".getBytes(StandardCharsets.UTF_8);
    List<String> seen = new java.util.ArrayList<>();
    SseDecoder inPlace =
        new SseDecoder(
            e -> {
              boolean fromChunk = e.dataBytes() == whole || e.dataBytes() == rest;
              seen.add((fromChunk ? "chunk:" : "buffer:") + e.dataAsString());
            });
    inPlace.feed(whole, 0, whole.length);
    inPlace.feed(rest, 0, rest.length);
    assertThat(seen).containsExactly("chunk:{\"a\":1}", "buffer:cut here");
  }

  @Test
  void aChunkHandedOverInPlaceIsLetGoWhenTheStreamEndsNotAfterEachEvent() {
    // The chunk's array stays referenced between events (storing it again per event cost G1 a
    // card refinement each time) but not past the stream: a heap chunk is not kept alive by an
    // idle decoder.
    byte[] chunk = "data: a\n\ndata: b\n\n".getBytes(StandardCharsets.UTF_8);
    SseEvent[] last = new SseEvent[1];
    List<String> seen = new java.util.ArrayList<>();
    SseDecoder d =
        new SseDecoder(
            e -> {
              last[0] = e;
              seen.add(e.dataAsString());
            });
    d.feed(chunk, 0, chunk.length);
    assertThat(seen).containsExactly("a", "b");
    assertThat(last[0].dataLength()).isZero();
    d.end();
    assertThat(last[0].dataBytes()).isNull();
  }

  @Test
  void byteOrderMarkAtStreamStartIsIgnored() {
    assertThat(decode("\uFEFFdata: x\n\n")).containsExactly(message("x"));
  }

  @Test
  void byteOrderMarkSplitAcrossChunksIsIgnored() {
    feed(bytes(0xEF));
    feed(bytes(0xBB));
    feed(bytes(0xBF, 'd'));
    assertThat(decode("ata: x\n\n")).containsExactly(message("x"));
  }

  @Test
  void onlyOneByteOrderMarkIsIgnored() {
    // The second BOM becomes part of the field name, which is then unknown.
    assertThat(decode("\uFEFF\uFEFFdata: x\n\ndata: y\n\n")).containsExactly(message("y"));
  }

  @Test
  void byteOrderMarkAfterStreamStartIsData() {
    assertThat(decode("data: x\n\ndata: \uFEFFy\n\n"))
        .containsExactly(message("x"), message("\uFEFFy"));
  }

  @Test
  void bytesThatOnlyBeginLikeAByteOrderMarkAreKept() {
    // EF BB followed by 'd' is no BOM: the held-back bytes stay in the (now unknown) field name.
    feed(bytes(0xEF, 0xBB));
    assertThat(decode("data: x\n\ndata: y\n\n")).containsExactly(message("y"));
  }

  @Test
  void lfEndsALine() {
    assertThat(decode("data: a\n\n")).containsExactly(message("a"));
  }

  @Test
  void crEndsALine() {
    assertThat(decode("data: a\r\rdata: b\r\r")).containsExactly(message("a"), message("b"));
  }

  @Test
  void crlfEndsALine() {
    assertThat(decode("data: a\r\n\r\ndata: b\r\n\r\n"))
        .containsExactly(message("a"), message("b"));
  }

  @Test
  void crlfSplitAcrossChunksIsOneLineEnd() {
    // Were the LF taken as a second line end, the empty line would dispatch "a" early.
    assertThat(decode("data: a\r", "\ndata: b\r", "\n\r", "\n")).containsExactly(message("a\nb"));
  }

  @Test
  void crThenCrlfIsTwoLineEnds() {
    assertThat(decode("data: a\r\r\n")).containsExactly(message("a"));
  }

  @Test
  void commentLinesAreIgnored() {
    assertThat(decode(": keep-alive\n\n:\ndata: a\n: between\ndata: b\n\n"))
        .containsExactly(message("a\nb"));
  }

  @Test
  void oneLeadingSpaceIsRemovedFromTheValue() {
    assertThat(decode("data: a\n\ndata:b\n\ndata:  c\n\n"))
        .containsExactly(message("a"), message("b"), message(" c"));
  }

  @Test
  void colonsAfterTheFirstBelongToTheValue() {
    assertThat(decode("data: a: b:c\n\n")).containsExactly(message("a: b:c"));
  }

  @Test
  void lineWithoutColonIsAFieldWithEmptyValue() {
    assertThat(decode("data\n\ndata\ndata\n\n")).containsExactly(message(""), message("\n"));
  }

  @Test
  void multiLineDataIsJoinedWithLf() {
    assertThat(decode("data: a\ndata: b\ndata: c\n\n")).containsExactly(message("a\nb\nc"));
  }

  @Test
  void trailingLfIsRemovedAtDispatchOnlyOnce() {
    assertThat(decode("data: a\ndata:\n\n")).containsExactly(message("a\n"));
  }

  @Test
  void eventFieldSetsTheType() {
    assertThat(decode("event: token\ndata: a\n\n")).containsExactly(new Event("token", "a", ""));
  }

  @Test
  void typeIsMessageWhenNoneIsGiven() {
    assertThat(decode("event:\ndata: a\n\ndata: b\n\n"))
        .containsExactly(message("a"), message("b"));
  }

  @Test
  void eventTypeResetsAfterEachDispatch() {
    assertThat(decode("event: token\ndata: a\n\ndata: b\n\n"))
        .containsExactly(new Event("token", "a", ""), message("b"));
  }

  @Test
  void idSetsTheLastEventIdWhichPersistsAcrossEvents() {
    assertThat(decode("id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n"))
        .containsExactly(
            new Event("message", "a", "1"),
            new Event("message", "b", "1"),
            new Event("message", "c", "2"));
    assertThat(decoder.lastEventId()).isEqualTo("2");
  }

  @Test
  void idContainingNulIsIgnored() {
    assertThat(decode("id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n"))
        .extracting(Event::id)
        .containsExactly("1", "1");
  }

  @Test
  void emptyIdClearsTheLastEventId() {
    decode("id: 1\ndata: a\n\nid\ndata: b\n\n");
    assertThat(listener.events).extracting(Event::id).containsExactly("1", "");
    assertThat(decoder.lastEventId()).isEmpty();
  }

  @Test
  void idTakesEffectAtDispatchEvenWithoutData() {
    decode("id: 5\n\n");
    assertThat(listener.events).isEmpty();
    assertThat(decoder.lastEventId()).isEqualTo("5");
  }

  @Test
  void retryWithDigitsOnlySetsTheReconnectionTime() {
    assertThat(decoder.retryMillis()).isEqualTo(-1);
    decode("retry: 2500\n\n");
    assertThat(decoder.retryMillis()).isEqualTo(2500);
  }

  @Test
  void retryWithAnythingButDigitsIsIgnored() {
    decode("retry: 100\n", "retry: 1.5\nretry: -3\nretry: 12a\nretry: \nretry\nretry:  7\n\n");
    assertThat(decoder.retryMillis()).isEqualTo(100);
  }

  @Test
  void resetStartsAnUnrelatedStreamLikeANewDecoder() {
    decode("\uFEFFretry: 300\nid: 7\nevent: token\ndata: a\n\ndata: half");
    decoder.reset();
    assertThat(decoder.lastEventId()).isEmpty();
    assertThat(decoder.retryMillis()).isEqualTo(-1);
    // A fresh stream: its own byte order mark is skipped, the cut event above is gone.
    assertThat(decode("\uFEFFdata: b\n\n"))
        .containsExactly(new Event("token", "a", "7"), message("b"));
  }

  @Test
  void unknownFieldsAreIgnored() {
    assertThat(decode("foo: bar\nData: x\nDATA: y\nid : 3\ndata: a\n\n"))
        .containsExactly(message("a"));
  }

  @Test
  void eventsAreDispatchedOnlyOnABlankLine() {
    decode("data: a\n", "data: b\n");
    assertThat(listener.events).isEmpty();
    decode("\n");
    assertThat(listener.events).containsExactly(message("a\nb"));
  }

  @Test
  void eventWithEmptyDataBufferIsNotDispatchedButItsTypeResets() {
    assertThat(decode("event: foo\n\ndata: x\n\nevent: bar\n\n\n")).containsExactly(message("x"));
  }

  @Test
  void unterminatedLastEventIsDiscardedAtEndOfStream() {
    decode("data: a\n\ndata: b\n");
    decoder.end();
    decode("\n");
    assertThat(listener.events).containsExactly(message("a"));
  }

  @Test
  void unterminatedLastLineIsDiscardedAtEndOfStream() {
    decode("data: a\n\ndata: b");
    decoder.end();
    decode("\n\n");
    assertThat(listener.events).containsExactly(message("a"));
  }

  @Test
  void chunkBoundaryMidLineIsInvisible() {
    assertThat(decode("da", "ta: he", "llo\n", "\n")).containsExactly(message("hello"));
  }

  @Test
  void chunkBoundaryInsideAMultiByteCharacterIsInvisible() {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    decode("data: ");
    feed(euro[0]);
    feed(euro[1]);
    feed(euro[2], (byte) '\n', (byte) '\n');
    assertThat(listener.events).containsExactly(message("€"));
  }

  @Test
  void lastEventIdAndRetrySurviveTheEndOfAStreamAndANewByteOrderMarkIsIgnored() {
    decode("retry: 300\nid: 9\ndata: a\n\nid: 10\ndata: cut");
    decoder.end();
    assertThat(decoder.lastEventId()).isEqualTo("9");
    assertThat(decode("\uFEFFdata: b\n\n"))
        .containsExactly(new Event("message", "a", "9"), new Event("message", "b", "9"));
    assertThat(decoder.retryMillis()).isEqualTo(300);
  }

  @Test
  void eventsDispatchedCountsOnlyDispatchedEvents() {
    decode("data: a\n\n\n\nevent: x\n\ndata: b\n\n");
    assertThat(decoder.eventsDispatched()).isEqualTo(2);
  }

  @Test
  void directAndHeapByteBufsAreReadWithoutMovingTheirIndexes() {
    byte[] stream = "data: a\r\n\r\nevent: e\ndata: b\n\n".getBytes(StandardCharsets.UTF_8);
    ByteBuf direct = Unpooled.directBuffer().writeBytes(stream);
    ByteBuf heap = Unpooled.buffer().writeBytes(stream);
    try {
      decoder.feed(direct);
      decoder.feed(heap.slice(3, stream.length - 3)); // offset array: "a: a..." is an unknown field
      assertThat(direct.readerIndex()).isZero();
      assertThat(direct.writerIndex()).isEqualTo(stream.length);
      assertThat(listener.events)
          .containsExactly(message("a"), new Event("e", "b", ""), new Event("e", "b", ""));
    } finally {
      direct.release();
      heap.release();
    }
  }

  @Test
  void eventAccessorsReadTheFlyweightWithoutCopies() {
    SseDecoder flyweights =
        new SseDecoder(
            event -> {
              assertThat(event.dataEquals("[DONE]".getBytes(StandardCharsets.US_ASCII))).isTrue();
              assertThat(event.dataEquals("[DONE".getBytes(StandardCharsets.US_ASCII))).isFalse();
              assertThat(event.typeEquals("message".getBytes(StandardCharsets.US_ASCII))).isTrue();
              assertThat(new String(event.dataBytes(), event.dataOffset(), event.dataLength()))
                  .isEqualTo("[DONE]");
              listener.onEvent(event);
            });
    byte[] done = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    flyweights.feed(done, 0, done.length);
    assertThat(listener.events).containsExactly(message("[DONE]"));
  }

  @Test
  void aRepeatedEventTypeReusesItsString() {
    String[] types = new String[3];
    int[] n = {0};
    SseDecoder names = new SseDecoder(event -> types[n[0]++] = event.type());
    byte[] stream =
        "event: token\ndata: a\n\nevent: token\ndata: b\n\nevent: done\ndata: c\n\n"
            .getBytes(StandardCharsets.US_ASCII);
    names.feed(stream, 0, stream.length);
    assertThat(types[1]).isSameAs(types[0]);
    assertThat(types[2]).isEqualTo("done");
  }

  @Test
  void largeEventsGrowTheBuffers() {
    String big = "x".repeat(200_000);
    assertThat(
            decode("data: " + big.substring(0, 70_000), big.substring(70_000) + "\n\ndata: s\n\n"))
        .containsExactly(message(big), message("s"));
  }
}
