package dev.streamstorm.engine;

import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.Redactor;
import dev.streamstorm.metrics.TraceLog;
import dev.streamstorm.metrics.TraceRecord;
import dev.streamstorm.protocol.StreamTrace;
import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.protocol.stream.StreamInterpreter.EventClass;
import java.nio.charset.StandardCharsets;

/**
 * The trace of one message ({@code --trace}): every event, comment and frame it receives, as a
 * line, then its end. Only the first messages of a run have one, so the work here (a string per
 * event) never touches the rest. Confined to the user's event loop.
 */
final class MessageTrace implements StreamTrace {
  /** Longer data is cut, and its line says so: a trace line stays readable and bounded. */
  static final int MAX_DATA_CHARS = 1 << 20;

  private final TraceRecord.Message message;
  private final TraceLog log;
  private final Redactor redactor;
  private long sentNs;

  MessageTrace(TraceRecord.Message message, TraceLog log, Redactor redactor) {
    this.message = message;
    this.log = log;
    this.redactor = redactor;
  }

  /** An attempt was sent at {@code nowNs}: times count from here. */
  void sent(long nowNs) {
    sentNs = nowNs;
  }

  @Override
  public void request(String method, String path) {
    log.request(message, method, redactor.redact(path));
  }

  @Override
  public void head(int status, String contentType, long nowNs) {
    log.head(message, millis(nowNs - sentNs), status, redactor.redact(contentType));
  }

  @Override
  public void event(SseEvent event, EventClass cls, long nowNs) {
    String id = event.id();
    write(
        nowNs,
        "event",
        event.type(),
        id,
        event.retryMillis() >= 0 ? event.retryMillis() : null,
        event.dataAsString(),
        cls.id());
  }

  @Override
  public void comment(byte[] utf8, int offset, int length, long nowNs) {
    write(
        nowNs,
        "comment",
        null,
        null,
        null,
        new String(utf8, offset, length, StandardCharsets.UTF_8),
        EventClass.IGNORED.id());
  }

  @Override
  public void frame(byte[] utf8, int offset, int length, EventClass cls, long nowNs) {
    write(
        nowNs,
        "frame",
        null,
        null,
        null,
        new String(utf8, offset, length, StandardCharsets.UTF_8),
        cls.id());
  }

  /** The message ended: its outcome as the results count it. */
  void end(MessageOutcome o) {
    log.write(
        TraceRecord.end(
            message,
            millis(o.endNs() - sentNs),
            o.ok() ? "ok" : o.error().id(),
            o.ok() ? null : redactor.redact(o.errorMessage()),
            o.tokens(),
            o.ok() ? o.tokenSource().id() : null,
            o.firstTokenNs() == MessageOutcome.NONE ? null : millis(o.ttftNs()),
            millis(o.e2eNs())));
  }

  /** The end of the run cut the message: neither ok nor failed. */
  void interrupted(long nowNs) {
    log.write(
        TraceRecord.end(message, millis(nowNs - sentNs), "interrupted", null, 0, null, null, null));
  }

  private void write(
      long nowNs, String kind, String type, String id, Long retry, String data, String cls) {
    boolean cut = data.length() > MAX_DATA_CHARS;
    String shown = redactor.redact(cut ? data.substring(0, MAX_DATA_CHARS) : data);
    log.write(
        TraceRecord.received(
            message, millis(nowNs - sentNs), kind, type, id, retry, shown, cut, cls));
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
