package dev.streamstorm.protocol.sse;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference for {@link SseDecoder}: the WHATWG "event stream interpretation" rules written the
 * way the specification reads, one step per sentence, on decoded text and whole streams. Slow and
 * allocating on purpose; nothing here is clever, so that a disagreement points at the decoder.
 *
 * <p>Where the specification leaves a choice, this follows the decoder's documented contract: a
 * {@code retry} value past a long is kept as {@link Long#MAX_VALUE}; an empty {@code retry} is
 * ignored (it is not a number); a reconnection ({@link #stream} called again) starts with the last
 * event ID buffer holding the source's last event ID, as EventSource implementations do, so an
 * event of the new stream without an {@code id} line keeps it.
 */
final class WhatwgEventStream {

  /** A dispatched event; {@code retryMillis} is the value its own lines set, or -1. */
  record Event(String type, String data, String id, long retryMillis) {}

  final List<Event> events = new ArrayList<>();
  final List<String> comments = new ArrayList<>();

  /** The event source's last event ID string, which outlives a stream. */
  String lastEventId = "";

  /** The event source's reconnection time in milliseconds, or -1 when no stream set one. */
  long retryMillis = -1;

  /** Interprets one whole stream (one connection's body); events and comments accumulate. */
  void stream(byte[] body) {
    // The stream is decoded with UTF-8 decode, which strips one leading byte order mark.
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    StringBuilder data = new StringBuilder();
    String type = "";
    String idBuffer = lastEventId;
    long eventRetryMillis = -1;
    for (String line : completeLines(text)) {
      if (line.isEmpty()) {
        // Dispatch the event.
        lastEventId = idBuffer;
        if (data.length() > 0) {
          if (data.charAt(data.length() - 1) == '\n') {
            data.setLength(data.length() - 1);
          }
          String name = type.isEmpty() ? "message" : type;
          events.add(new Event(name, data.toString(), lastEventId, eventRetryMillis));
        }
        data.setLength(0);
        type = "";
        eventRetryMillis = -1;
        continue;
      }
      if (line.startsWith(":")) {
        comments.add(line.substring(1));
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> type = value;
        case "data" -> data.append(value).append('\n');
        case "id" -> {
          if (value.indexOf('\0') < 0) {
            idBuffer = value;
          }
        }
        case "retry" -> {
          if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            retryMillis = new BigInteger(value).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
            eventRetryMillis = retryMillis;
          }
        }
        default -> {} // any other field is ignored
      }
    }
    // The end of the stream: a line without a line end, and an event without its blank line, are
    // discarded.
  }

  /**
   * The lines of {@code text} that end with a line end (CRLF, LF or CR); what follows the last line
   * end is not a line yet.
   */
  static List<String> completeLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    return lines;
  }
}
