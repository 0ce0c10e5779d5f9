package dev.streamstorm.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The floor client's per-message times in a cold run: first byte (the response head, or a
 * WebSocket's first frame) and first token from the message's intended start, as streamstorm clocks
 * them; the first token from the send too (after the connection opened); and each connection's
 * set-up. Written from every event loop (HdrHistogram's {@link Recorder} takes concurrent writers),
 * read once at the end.
 */
final class MessageTimings {

  private final Recorder firstByte = new Recorder(3);
  private final Recorder firstToken = new Recorder(3);
  private final Recorder firstTokenFromSend = new Recorder(3);
  private final Recorder connect = new Recorder(3);

  void firstByte(long nanos) {
    firstByte.recordValue(Math.max(0, nanos) / 1_000);
  }

  void firstToken(long nanos) {
    firstToken.recordValue(Math.max(0, nanos) / 1_000);
  }

  void firstTokenFromSend(long nanos) {
    firstTokenFromSend.recordValue(Math.max(0, nanos) / 1_000);
  }

  void connect(long nanos) {
    connect.recordValue(Math.max(0, nanos) / 1_000);
  }

  /** Time to first byte so far, in microseconds. */
  Histogram firstByteMicros() {
    return firstByte.getIntervalHistogram();
  }

  /** Time to first token so far, in microseconds. */
  Histogram firstTokenMicros() {
    return firstToken.getIntervalHistogram();
  }

  /** Time to first token from the send, the connection's set-up left out, in microseconds. */
  Histogram firstTokenFromSendMicros() {
    return firstTokenFromSend.getIntervalHistogram();
  }

  /** Connection set-up times so far, in microseconds. */
  Histogram connectMicros() {
    return connect.getIntervalHistogram();
  }
}
