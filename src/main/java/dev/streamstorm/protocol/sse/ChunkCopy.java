package dev.streamstorm.protocol.sse;

import io.netty.buffer.ByteBuf;

/**
 * Where a chunk that arrived in a direct (off-heap) buffer is copied, once, so that the SSE decoder
 * and the WebSocket frame path have one way in: a byte array. Responses arrive in Netty's pooled
 * direct buffers; reading them through {@code ByteBuf} accessors byte by byte and copying lines out
 * of them twice was the path production took, while tests and benchmarks took the array one.
 *
 * <p>One per event loop, shared by every stream on it (a stream's bytes are read during the call
 * only, so one array serves them all; one per stream would hold the largest chunk each stream ever
 * saw). Confined to its event loop.
 */
public final class ChunkCopy {
  private byte[] array = new byte[16 * 1024];

  /**
   * {@code buf}'s readable bytes from index 0 of the returned array, valid until the next call on
   * this loop. The array grows to the longest chunk seen (Netty reads at most 64 KiB at a time).
   */
  public byte[] copy(ByteBuf buf) {
    int n = buf.readableBytes();
    if (array.length < n) {
      array = new byte[Math.max(n, array.length * 2)];
    }
    buf.getBytes(buf.readerIndex(), array, 0, n);
    return array;
  }
}
