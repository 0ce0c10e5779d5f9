package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.LlmToolCall;
import dev.streamstorm.benchserver.model.Plan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The fields of one Anthropic Messages response, and its JSON shapes. */
record AnthropicResponse(String messageId, String model, int inputTokens, Plan plan) {

  /** What a thinking block's signature_delta carries (opaque to clients, as Anthropic's is). */
  static final String SIGNATURE = "EqQBCkgIARABGAIiQGJlbmNoLXNlcnZlciB0aGlua2luZyBzaWduYXR1cmU=";

  String stopReason() {
    if (plan.completionTokens() == 0 && !plan.llmToolCalls().isEmpty()) {
      return "tool_use";
    }
    return plan.truncated() ? "max_tokens" : "end_turn";
  }

  /** Anthropic's tool_use ids: {@code toolu_} and the call's own suffix. */
  static String toolUseId(LlmToolCall c) {
    return "toolu_" + c.id().substring("call_".length());
  }

  /** The message as {@code message_start} carries it: empty content, output_tokens 1. */
  JsonObject startedMessage() {
    return message(new JsonArray(), null, 1);
  }

  /** The non-streaming answer: thinking, tool_use and text blocks; usage counts them all. */
  JsonObject fullMessage() {
    JsonArray content = new JsonArray();
    if (plan.reasoningTokens() > 0) {
      content.add(
          new JsonObject()
              .put("type", "thinking")
              .put("thinking", plan.reasoningText())
              .put("signature", SIGNATURE));
    }
    for (LlmToolCall c : plan.llmToolCalls()) {
      content.add(
          new JsonObject()
              .put("type", "tool_use")
              .put("id", toolUseId(c))
              .put("name", c.name())
              .put("input", new JsonObject(c.argumentsJson())));
    }
    if (plan.completionTokens() > 0 || plan.llmToolCalls().isEmpty()) {
      content.add(new JsonObject().put("type", "text").put("text", plan.text()));
    }
    return message(content, stopReason(), plan.outputTokens());
  }

  private JsonObject message(JsonArray content, String stopReason, int outputTokens) {
    return new JsonObject()
        .put("id", messageId)
        .put("type", "message")
        .put("role", "assistant")
        .put("content", content)
        .put("model", model)
        .put("stop_reason", stopReason)
        .put("stop_sequence", null)
        .put(
            "usage",
            new JsonObject().put("input_tokens", inputTokens).put("output_tokens", outputTokens));
  }
}
