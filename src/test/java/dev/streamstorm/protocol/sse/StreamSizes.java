package dev.streamstorm.protocol.sse;

/**
 * Sizes that bound what a decoder with an event limit must and may do with a raw stream, measured
 * on its bytes as they arrive (a leading byte order mark aside).
 *
 * @param longestLineBytes the longest line, the unterminated last one included: past the limit,
 *     holding it would break the bound, so the decoder must refuse the stream
 * @param peakBytes over every line, all the bytes of its event's earlier lines (each with its line
 *     end), then twice the line and one more: the most a decoder holds at once for data it copies
 *     (the line, and its value appended to the event's data). At or below the limit the decoder has
 *     no reason to refuse.
 */
record StreamSizes(int longestLineBytes, long peakBytes) {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  static StreamSizes of(byte[] body) {
    int start = bomBytes(body);
    int longest = 0;
    long peak = 0;
    long eventBytes = 0;
    int lineStart = start;
    for (int i = start; i <= body.length; i++) {
      boolean end = i == body.length;
      if (!end && body[i] != '\n' && body[i] != '\r') {
        continue;
      }
      int line = i - lineStart;
      longest = Math.max(longest, line);
      peak = Math.max(peak, eventBytes + 2L * line + 1);
      eventBytes = line == 0 ? 0 : eventBytes + line + 1;
      if (!end && body[i] == '\r' && i + 1 < body.length && body[i + 1] == '\n') {
        i++;
      }
      lineStart = i + 1;
    }
    return new StreamSizes(longest, peak);
  }

  /**
   * The leading bytes that are a byte order mark, or the start of one that the stream ends in: a
   * decoder holds those apart from any line until it knows which they are.
   */
  private static int bomBytes(byte[] body) {
    int n = 0;
    while (n < BOM.length && n < body.length && body[n] == BOM[n]) {
      n++;
    }
    return n == BOM.length || n == body.length ? n : 0;
  }
}
