package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.ToolCall;

/**
 * Where one response's events go, in one wire format. Called only on the exchange's event loop.
 * Streaming sinks write each event when it is due; answering sinks write once, at {@link #end}.
 *
 * <p>A sink is told only about the channels its endpoint's plans carry ({@code Channels}): the
 * defaults of the channel methods say "this format has no such channel".
 */
interface Sink {

  /** True for SSE and WebSocket; false for a single JSON answer. */
  boolean streaming();

  /** Starts the response (headers and any preamble events); called once a request is admitted. */
  void open();

  /** An answer token. */
  void token(int word);

  /** A reasoning token. */
  default void reasoning(int word) {
    throw new IllegalStateException(getClass().getSimpleName() + " plans no reasoning");
  }

  /** A model tool call starts ({@code call} indexes the plan's llmToolCalls). */
  default void toolCallStart(int call) {
    throw new IllegalStateException(getClass().getSimpleName() + " plans no model tool calls");
  }

  /** The {@code chunk}-th piece of a model tool call's arguments. */
  default void toolCallArguments(int call, int chunk) {
    throw new IllegalStateException(getClass().getSimpleName() + " plans no model tool calls");
  }

  /** The agent's tool call (session API and WebSocket agent). */
  default void toolCall(ToolCall call) {
    throw new IllegalStateException(getClass().getSimpleName() + " plans no agent tool calls");
  }

  /** The agent's tool result. */
  default void toolResult(ToolCall call) {
    throw new IllegalStateException(getClass().getSimpleName() + " plans no agent tool calls");
  }

  /** Writes one invalid event (the malformed fault); the stream continues after it. */
  void malformed();

  /**
   * The error_event / failed faults: writes the format's mid-stream error (or failed) event and
   * ends the response without its done marker. An answering sink answers a 500 instead.
   *
   * @param failed true for the failed fault (the format's "failed" terminal event where it has one)
   */
  void streamError(boolean failed);

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
