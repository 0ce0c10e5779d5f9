package dev.streamstorm.trial;

import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.TraceLog;
import dev.streamstorm.metrics.TraceRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * What one tried run saw of its one message: the trace (request, head, every event, comment and
 * frame) and the outcome the results count. Written on the user's event loop, read once the run has
 * ended; synchronized because those are two threads.
 */
final class Capture implements TraceLog, MessageLog {
  private final List<Seen> seen = new ArrayList<>();
  private MessageOutcome outcome;

  @Override
  public synchronized void write(TraceRecord line) {
    // The end line repeats the outcome, which arrives whole through onMessage.
    if (line instanceof TraceRecord.Received r) {
      seen.add(new Seen.Received(r));
    }
  }

  @Override
  public synchronized void request(TraceRecord.Message message, String method, String path) {
    seen.add(new Seen.Request(method, path));
  }

  @Override
  public synchronized void head(
      TraceRecord.Message message, double tMs, int status, String contentType) {
    seen.add(new Seen.Head(tMs, status, contentType));
  }

  @Override
  public synchronized void onMessage(MessageOutcome o, long runStartNs) {
    outcome = o;
  }

  synchronized List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** The message's outcome; null when none was sent (its session set-up failed, say). */
  synchronized MessageOutcome outcome() {
    return outcome;
  }
}
