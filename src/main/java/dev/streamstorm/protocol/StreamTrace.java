package dev.streamstorm.protocol;

import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.protocol.stream.StreamInterpreter.EventClass;

/**
 * Sees everything one traced message receives, as it arrives: SSE events with what the interpreter
 * made of them, comments, WebSocket frames. Only the first messages of a run are traced ({@code
 * --trace}); every other message has none, and the clients then do nothing more per event than a
 * null check. Called on the user's event loop; arguments are valid only during the call.
 */
public interface StreamTrace {

  /**
   * A request of the traced message went out (each attempt, each reconnection): its method and its
   * path with the query, the target URL's path prefix included. For WebSocket, the upgrade of a
   * socket opened for this message.
   */
  default void request(String method, String path) {}

  /**
   * The response's status line and headers arrived (SSE), or the WebSocket upgrade completed (101)
   * or was refused (its status); {@code contentType} is null when the response named none.
   */
  default void head(int status, String contentType, long nowNs) {}

  /** A dispatched SSE event and its class. */
  void event(SseEvent event, EventClass cls, long nowNs);

  /** An SSE comment line: its text after the colon. */
  void comment(byte[] utf8, int offset, int length, long nowNs);

  /** A complete WebSocket text frame and its class. */
  void frame(byte[] utf8, int offset, int length, EventClass cls, long nowNs);
}
