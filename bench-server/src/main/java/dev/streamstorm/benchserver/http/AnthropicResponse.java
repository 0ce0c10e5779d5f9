package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Plan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The fields of one Anthropic Messages response, and its JSON shapes. */
record AnthropicResponse(String messageId, String model, int inputTokens, Plan plan) {

  String stopReason() {
    return plan.truncated() ? "max_tokens" : "end_turn";
  }

  /** The message as {@code message_start} carries it: empty content, output_tokens 1. */
  JsonObject startedMessage() {
    return message(new JsonArray(), null, 1);
  }

  /** The non-streaming answer. */
  JsonObject fullMessage() {
    JsonArray content =
        new JsonArray().add(new JsonObject().put("type", "text").put("text", plan.text()));
    return message(content, stopReason(), plan.completionTokens());
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
