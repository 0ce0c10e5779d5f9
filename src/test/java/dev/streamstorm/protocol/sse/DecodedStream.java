package dev.streamstorm.protocol.sse;

import java.util.ArrayList;
import java.util.List;

/**
 * What a decoder handed its listener, copied out of the flyweight in the reference's terms, and
 * every callback in order (so that "nothing after onTooLarge" can be checked).
 */
final class DecodedStream implements SseListener {

  final List<WhatwgEventStream.Event> events = new ArrayList<>();
  final List<String> comments = new ArrayList<>();
  final List<String> callbacks = new ArrayList<>();
  final List<Integer> tooLargeLimits = new ArrayList<>();

  /** The longest data, type, id or comment handed over, in bytes. */
  int longestBytes;

  @Override
  public void onEvent(SseEvent event) {
    String type = event.type();
    String id = event.id();
    events.add(new WhatwgEventStream.Event(type, event.dataAsString(), id, event.retryMillis()));
    callbacks.add("event");
    longestBytes = Math.max(longestBytes, event.dataLength());
    longestBytes = Math.max(longestBytes, utf8Length(type));
    longestBytes = Math.max(longestBytes, utf8Length(id));
  }

  @Override
  public void onComment(byte[] bytes, int offset, int length) {
    comments.add(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    callbacks.add("comment");
    longestBytes = Math.max(longestBytes, length);
  }

  @Override
  public void onTooLarge(int limitBytes) {
    tooLargeLimits.add(limitBytes);
    callbacks.add("tooLarge");
  }

  /** Forgets everything recorded, for the next stream. */
  void clear() {
    events.clear();
    comments.clear();
    callbacks.clear();
    tooLargeLimits.clear();
    longestBytes = 0;
  }

  /** Bytes of {@code s} as the decoder held them, replacement characters counted as one byte. */
  private static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      bytes += c == '\uFFFD' ? 1 : c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }
}
