package dev.streamstorm.protocol.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Random;

/**
 * Feeds a body to an {@link SseDecoder} the ways a network delivers it: split at random points,
 * through each of the decoder's entry points (an array range, a heap ByteBuf at an offset into its
 * array, a direct ByteBuf). Each array chunk is overwritten once the decoder returns, as a reused
 * network buffer would be, so that a decoder keeping a reference into a chunk gives itself away.
 */
final class ChunkFeeder {

  /** How chunks reach the decoder. */
  enum Route {
    ARRAY,
    HEAP_BUF,
    DIRECT_BUF,
    /** Each chunk by a route drawn at random. */
    MIXED
  }

  private static final byte SCRIBBLE = 'x';

  private final Random random;
  private final Route route;

  ChunkFeeder(long seed, Route route) {
    this.random = new Random(seed);
    this.route = route;
  }

  /** Feeds all of {@code body} in chunks (without ending the stream). */
  void feed(SseDecoder decoder, byte[] body) {
    for (int[] chunk : chunks(body.length)) {
      feedChunk(decoder, body, chunk[0], chunk[1]);
    }
  }

  /** Chunk bounds {from, to}: a few random cuts, sometimes one byte at a time, empty ones too. */
  private int[][] chunks(int length) {
    int cuts = random.nextInt(8) == 0 ? length : random.nextInt(Math.min(length, 12) + 1);
    int[] at = new int[cuts + 2];
    for (int i = 1; i <= cuts; i++) {
      at[i] = cuts == length ? i - 1 : random.nextInt(length + 1);
    }
    at[cuts + 1] = length;
    Arrays.sort(at);
    int[][] bounds = new int[cuts + 1][];
    for (int i = 0; i <= cuts; i++) {
      bounds[i] = new int[] {at[i], at[i + 1]};
    }
    return bounds;
  }

  private void feedChunk(SseDecoder decoder, byte[] body, int from, int to) {
    Route r = route == Route.MIXED ? Route.values()[random.nextInt(3)] : route;
    int length = to - from;
    // The chunk sits inside a larger array, between bytes that would mislead a decoder that reads
    // outside the range it was given.
    int before = random.nextInt(4);
    byte[] array = new byte[before + length + random.nextInt(4)];
    Arrays.fill(array, (byte) '\n');
    System.arraycopy(body, from, array, before, length);
    switch (r) {
      case ARRAY -> decoder.feed(array, before, length);
      case HEAP_BUF -> {
        ByteBuf buf = Unpooled.wrappedBuffer(array).slice(before, length);
        decoder.feed(buf);
      }
      default -> {
        ByteBuf buf = Unpooled.directBuffer(length + 8);
        try {
          buf.writeBytes(array, 0, before + length);
          buf.readerIndex(before);
          decoder.feed(buf);
        } finally {
          buf.release();
        }
      }
    }
    Arrays.fill(array, SCRIBBLE);
  }
}
