package dev.streamstorm.protocol.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Remembers the String decoded from the last byte sequence asked for, so that a name repeated event
 * after event (an event type, an unchanged id) is decoded once instead of once per event.
 */
final class Utf8StringCache {

  private byte[] bytes = new byte[0];
  private int length = -1;
  private String value;

  String get(byte[] src, int offset, int count) {
    if (count == length && Arrays.equals(bytes, 0, length, src, offset, offset + count)) {
      return value;
    }
    if (bytes.length < count) {
      bytes = new byte[count];
    }
    System.arraycopy(src, offset, bytes, 0, count);
    length = count;
    value = new String(src, offset, count, StandardCharsets.UTF_8);
    return value;
  }
}
