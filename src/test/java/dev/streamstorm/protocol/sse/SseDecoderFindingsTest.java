package dev.streamstorm.protocol.sse;

import org.junit.jupiter.api.Test;

/**
 * What fuzzing {@link SseDecoderFuzzTest} found, each replayed through the same checks as a plain
 * test, with what was wrong.
 */
class SseDecoderFindingsTest {

  /**
   * A stream that ends inside a byte order mark (EF BB, then nothing) with a one-byte limit: the
   * decoder holds the two bytes apart, as the possible start of a mark, and rightly refuses
   * nothing. The reference counted them as a two-byte line that had to be refused (the reference's
   * mistake, fixed in StreamSizes).
   */
  @Test
  void aStreamEndingInsideAByteOrderMarkIsNoLinePastTheLimit() {
    SseDecoderFuzzTest.staysWithin(
        1, new byte[] {(byte) 0xEF, (byte) 0xBB}, 0, ChunkFeeder.Route.ARRAY);
  }
}
