package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Phases;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.ToolCall;
import io.vertx.core.json.JsonObject;

/** The JSON payloads of the agent (session and WebSocket) protocol. */
final class AgentFrames {

  /** The token frame, {@link TokenTemplate#MARKER} in place of the text. */
  static final JsonObject TOKEN_TEMPLATE =
      new JsonObject().put("type", "token").put("content", TokenTemplate.MARKER);

  /** What the malformed fault sends as a frame's data: a token frame cut short. */
  static final String MALFORMED = "{\"type\":\"token\",\"content\":";

  private AgentFrames() {}

  static JsonObject toolCall(ToolCall c) {
    return new JsonObject()
        .put("type", "tool_call")
        .put("id", c.id())
        .put("name", c.name())
        .put("arguments", new JsonObject(c.arguments()));
  }

  /**
   * The usage of one LLM call, sent after each call as agents built on LangGraph report it: the
   * first call of a lookup ends in the tool call (0 answer tokens), the last one holds the answer,
   * so a client that sums output_tokens over the calls gets done.usage.tokens.
   */
  static JsonObject llmUsage(int llmCall, int outputTokens) {
    return new JsonObject()
        .put("type", "usage")
        .put("llm_call", llmCall)
        .put("output_tokens", outputTokens);
  }

  /** The error_event / failed faults' mid-message error. */
  static JsonObject streamError() {
    return new JsonObject()
        .put("type", "error")
        .put("code", ErrorKind.SERVER_ERROR.status)
        .put("message", "injected fault: the agent failed mid-answer");
  }

  static JsonObject toolResult(ToolCall c) {
    return new JsonObject()
        .put("type", "tool_result")
        .put("id", c.id())
        .put("content", new JsonObject(c.result()));
  }

  static JsonObject done(Plan plan) {
    return new JsonObject()
        .put("type", "done")
        .put("usage", usage(plan))
        .put("phases_ms", phases(plan.phases()));
  }

  static JsonObject usage(Plan plan) {
    return new JsonObject()
        .put("llm_calls", plan.llmCalls())
        .put("tool_calls", plan.toolCalls())
        .put("tokens", plan.completionTokens());
  }

  static JsonObject phases(Phases p) {
    return new JsonObject()
        .put("context_load", millis(p.contextLoadNanos()))
        .put("llm_call", millis(p.llmCallNanos()))
        .put("tool_execution", millis(p.toolExecutionNanos()));
  }

  /** Milliseconds with microsecond precision. */
  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
