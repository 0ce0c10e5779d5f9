package dev.streamstorm.protocol.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * The decoder against {@link WhatwgEventStream} on any bytes, split at random points and fed
 * through every entry point. The seed corpus (SseDecoderFuzzTestInputs, real streams of every
 * preset's format) runs in every build; {@code JAZZER_FUZZ=1} explores (docs/reliability.md). What
 * fuzzing found is replayed by {@link SseDecoderFindingsTest}.
 *
 * <p>Input layout: the body is what is left after the parameters, which come from the input's end
 * (twelve bytes for {@link #decodesAsTheWhatwgRulesSay}, eleven for {@link #staysWithinItsLimit}),
 * so a seed is a stream followed by that many bytes.
 */
class SseDecoderFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void decodesAsTheWhatwgRulesSay(FuzzedDataProvider input) {
    long splitSeed = input.consumeLong();
    ChunkFeeder.Route route = ChunkFeeder.Route.values()[input.consumeInt(0, 3)];
    int secondStreamAt = input.consumeInt(0, 0x3FFF);
    boolean reconnect = input.consumeBoolean();
    byte[] body = input.consumeRemainingAsBytes();
    int cut = Math.min(secondStreamAt, body.length);
    decodesAsTheReference(
        Arrays.copyOf(body, cut),
        Arrays.copyOfRange(body, cut, body.length),
        reconnect,
        new ChunkFeeder(splitSeed, route));
  }

  @FuzzTest(maxDuration = "10m")
  void staysWithinItsLimit(FuzzedDataProvider input) {
    long splitSeed = input.consumeLong();
    ChunkFeeder.Route route = ChunkFeeder.Route.values()[input.consumeInt(0, 3)];
    int limit = input.consumeInt(1, 1024);
    byte[] body = input.consumeRemainingAsBytes();
    staysWithin(limit, body, splitSeed, route);
  }

  /**
   * Events (type, data, id, retry), comments, the last event ID and the retry value are the
   * reference's, for one stream or two ({@code second} empty: one): the second a reconnection to
   * the same source, or an unrelated stream after {@link SseDecoder#reset()}.
   */
  static void decodesAsTheReference(
      byte[] first, byte[] second, boolean reconnect, ChunkFeeder feeder) {
    WhatwgEventStream reference = new WhatwgEventStream();
    reference.stream(first);
    DecodedStream decoded = new DecodedStream();
    SseDecoder decoder = new SseDecoder(decoded);
    feeder.feed(decoder, first);
    decoder.end();
    if (second.length > 0) {
      if (!reconnect) {
        assertSame(reference, decoded, decoder);
        decoder.reset();
        reference = new WhatwgEventStream();
        decoded.clear();
      }
      reference.stream(second);
      feeder.feed(decoder, second);
      decoder.end();
    }
    assertSame(reference, decoded, decoder);
  }

  /**
   * With a small {@code maxEventBytes}: either exactly the reference's events, or the events before
   * the limit was passed, then one {@code onTooLarge} and nothing more; nothing handed over is
   * longer than the limit; a line past the limit is always refused, a stream whose lines and events
   * are well within it never is. After {@link SseDecoder#reset(int, SseListener)} the decoder reads
   * a stream as a new one would.
   */
  static void staysWithin(int limit, byte[] body, long splitSeed, ChunkFeeder.Route route) {
    WhatwgEventStream reference = new WhatwgEventStream();
    reference.stream(body);
    DecodedStream decoded = new DecodedStream();
    SseDecoder decoder = new SseDecoder(decoded, limit, new ChunkCopy());
    new ChunkFeeder(splitSeed, route).feed(decoder, body);

    assertThat(decoded.longestBytes).as("bytes handed over at once").isLessThanOrEqualTo(limit);
    StreamSizes sizes = StreamSizes.of(body);
    if (decoded.tooLargeLimits.isEmpty()) {
      assertThat(sizes.longestLineBytes()).as("longest line").isLessThanOrEqualTo(limit);
      assertThat(decoded.events).isEqualTo(reference.events);
      assertThat(decoded.comments).isEqualTo(reference.comments);
    } else {
      assertThat(sizes.peakBytes())
          .as("refused though every line and event fits twice over")
          .isGreaterThan(limit);
      assertThat(decoded.tooLargeLimits).containsExactly(limit);
      assertThat(decoded.callbacks).endsWith("tooLarge");
      assertThat(decoded.events.size()).isLessThanOrEqualTo(reference.events.size());
      assertThat(decoded.events)
          .as("the events before the limit was passed")
          .isEqualTo(reference.events.subList(0, decoded.events.size()));
    }
    decoder.end();

    decoded.clear();
    decoder.reset(Integer.MAX_VALUE, decoded);
    new ChunkFeeder(splitSeed, route).feed(decoder, body);
    decoder.end();
    assertThat(decoded.events).as("after reset").isEqualTo(reference.events);
    assertThat(decoded.comments).as("after reset").isEqualTo(reference.comments);
  }

  private static void assertSame(
      WhatwgEventStream reference, DecodedStream decoded, SseDecoder decoder) {
    assertThat(decoded.events).isEqualTo(reference.events);
    assertThat(decoded.comments).isEqualTo(reference.comments);
    assertThat(decoder.lastEventId()).as("last event id").isEqualTo(reference.lastEventId);
    assertThat(decoder.retryMillis()).as("retry").isEqualTo(reference.retryMillis);
    assertThat(decoder.eventsDispatched()).isGreaterThanOrEqualTo(reference.events.size());
  }
}
