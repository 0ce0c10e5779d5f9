package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Plan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The fields every OpenAI chat response of one request shares, and its JSON shapes. */
record OpenAiResponse(
    String completionId, long createdEpochSeconds, String model, int promptTokens, Plan plan) {

  JsonObject chunk(JsonArray choices, boolean withUsage, JsonObject usage) {
    JsonObject chunk =
        new JsonObject()
            .put("id", completionId)
            .put("object", "chat.completion.chunk")
            .put("created", createdEpochSeconds)
            .put("model", model)
            .put("system_fingerprint", "fp_bench")
            .put("choices", choices);
    if (withUsage) {
      chunk.put("usage", usage);
    }
    return chunk;
  }

  static JsonArray choice(JsonObject delta, String finishReason) {
    return new JsonArray()
        .add(
            new JsonObject()
                .put("index", 0)
                .put("delta", delta)
                .put("logprobs", null)
                .put("finish_reason", finishReason));
  }

  String finishReason() {
    return plan.truncated() ? "length" : "stop";
  }

  JsonObject usage() {
    int completion = plan.completionTokens();
    return new JsonObject()
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completion)
        .put("total_tokens", promptTokens + completion);
  }

  /** The non-streaming {@code chat.completion} answer. */
  JsonObject completion() {
    return new JsonObject()
        .put("id", completionId)
        .put("object", "chat.completion")
        .put("created", createdEpochSeconds)
        .put("model", model)
        .put("system_fingerprint", "fp_bench")
        .put(
            "choices",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("index", 0)
                        .put(
                            "message",
                            new JsonObject()
                                .put("role", "assistant")
                                .put("content", plan.text())
                                .put("refusal", null))
                        .put("logprobs", null)
                        .put("finish_reason", finishReason())))
        .put("usage", usage());
  }
}
