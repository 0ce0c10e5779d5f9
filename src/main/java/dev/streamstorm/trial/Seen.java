package dev.streamstorm.trial;

import dev.streamstorm.metrics.TraceRecord;

/** One thing a tried message's exchange went through, in the order it happened. */
public sealed interface Seen permits Seen.Request, Seen.Head, Seen.Received {

  /** The request went out (each attempt, each reconnection; a WebSocket's upgrade). */
  record Request(String method, String path) implements Seen {}

  /** The response's status and Content-Type (null when none), {@code tMs} from the send. */
  record Head(double tMs, int status, String contentType) implements Seen {}

  /** An SSE event, comment or WebSocket frame, as the trace records it. */
  record Received(TraceRecord.Received line) implements Seen {

    boolean isComment() {
      return "comment".equals(line.kind());
    }
  }
}
