package dev.streamstorm.protocol.sse;

import java.util.Arrays;

/**
 * A growable byte buffer reused from line to line and event to event, so that decoding allocates
 * nothing once it has grown to the stream's largest line. Capacity beyond {@link
 * #MAX_RETAINED_BYTES} is dropped on {@link #clear()}, so one huge event does not pin memory for
 * the life of a long stream (thousands of streams share one heap).
 */
final class ByteAccumulator {

  static final int MAX_RETAINED_BYTES = 64 * 1024;
  private static final int INITIAL_BYTES = 256;

  private byte[] bytes = new byte[0];
  private int length;

  /**
   * Whether the array grew past {@link #MAX_RETAINED_BYTES}: kept here, beside the length, so that
   * the decoder's clear() per event reads this object only and not the array's header (with
   * thousands of streams, a cache line more per event).
   */
  private boolean oversized;

  byte[] array() {
    return bytes;
  }

  int length() {
    return length;
  }

  void append(byte b) {
    ensureCapacity(length + 1);
    bytes[length++] = b;
  }

  void append(byte[] src, int offset, int count) {
    ensureCapacity(length + count);
    System.arraycopy(src, offset, bytes, length, count);
    length += count;
  }

  /** Copies bytes from {@code src} without touching its reader or writer index. */
  void set(byte[] src, int offset, int count) {
    length = 0;
    append(src, offset, count);
  }

  boolean contentEquals(byte[] other, int offset, int count) {
    return count == length && Arrays.equals(bytes, 0, length, other, offset, offset + count);
  }

  void clear() {
    length = 0;
    if (oversized) {
      oversized = false;
      bytes = new byte[INITIAL_BYTES];
    }
  }

  private void ensureCapacity(int needed) {
    if (needed > bytes.length) {
      int grown = Math.max(needed, Math.max(INITIAL_BYTES, bytes.length * 2));
      bytes = Arrays.copyOf(bytes, grown);
      oversized = grown > MAX_RETAINED_BYTES;
    }
  }
}
