package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.ToolCall;

/**
 * Where one response's events go, in one wire format. Called only on the exchange's event loop.
 * Streaming sinks write each event when it is due; answering sinks write once, at {@link #end}.
 */
interface Sink {

  /** True for SSE and WebSocket; false for a single JSON answer. */
  boolean streaming();

  /** Starts the response (headers and any preamble events); called once a request is admitted. */
  void open();

  void token(int word);

  void toolCall(ToolCall call);

  void toolResult(ToolCall call);

  /** Writes one invalid event (the malformed fault); the stream continues after it. */
  void malformed();

  /** Writes the closing events or the whole answer and ends the response. */
  void end();

  /** Closes the connection abruptly mid-response (the drop fault). */
  void drop();

  /** Answers an error instead of a response; {@code retryAfterSeconds} is 0 when not relevant. */
  void reject(ErrorKind kind, String message, long retryAfterSeconds);

  /** Registers what to do when the client goes away before the response ended. */
  void onClientGone(Runnable action);

  /** Whether {@link #open} wrote response headers (HTTP) as opposed to nothing (WebSocket). */
  boolean hasHeaders();
}
