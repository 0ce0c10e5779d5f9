package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.LlmToolCall;
import dev.streamstorm.benchserver.model.Plan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The fields every OpenAI chat response of one request shares, and its JSON shapes.
 *
 * @param reasoningField the delta/message field reasoning goes in: reasoning_content (DeepSeek) or
 *     reasoning (vLLM)
 */
record OpenAiResponse(
    String completionId,
    long createdEpochSeconds,
    String model,
    int promptTokens,
    Plan plan,
    String reasoningField) {

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

  /** The delta that starts tool call {@code call}: id, type, name and empty arguments. */
  JsonObject toolCallStartDelta(int call) {
    LlmToolCall c = plan.llmToolCalls().get(call);
    return toolCallsDelta(
        new JsonObject()
            .put("index", call)
            .put("id", c.id())
            .put("type", "function")
            .put("function", new JsonObject().put("name", c.name()).put("arguments", "")));
  }

  /** The delta that carries a piece of tool call {@code call}'s arguments. */
  JsonObject toolCallArgumentsDelta(int call, int chunk) {
    String piece = plan.llmToolCalls().get(call).argumentChunks().get(chunk);
    return toolCallsDelta(
        new JsonObject()
            .put("index", call)
            .put("function", new JsonObject().put("arguments", piece)));
  }

  private static JsonObject toolCallsDelta(JsonObject call) {
    return new JsonObject().put("tool_calls", new JsonArray().add(call));
  }

  /**
   * "tool_calls" when the reply ends on tool calls with no answer, "length" when cut, else "stop".
   */
  String finishReason() {
    if (plan.completionTokens() == 0 && !plan.llmToolCalls().isEmpty()) {
      return "tool_calls";
    }
    return plan.truncated() ? "length" : "stop";
  }

  /** completion_tokens counts answer and reasoning tokens, as OpenAI's reasoning models do. */
  JsonObject usage() {
    int completion = plan.outputTokens();
    return new JsonObject()
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completion)
        .put("total_tokens", promptTokens + completion)
        .put(
            "completion_tokens_details",
            new JsonObject().put("reasoning_tokens", plan.reasoningTokens()));
  }

  /** The non-streaming {@code chat.completion} answer. */
  JsonObject completion() {
    boolean toolOnly = plan.completionTokens() == 0 && !plan.llmToolCalls().isEmpty();
    JsonObject message =
        new JsonObject().put("role", "assistant").put("content", toolOnly ? null : plan.text());
    if (plan.reasoningTokens() > 0) {
      message.put(reasoningField, plan.reasoningText());
    }
    if (!plan.llmToolCalls().isEmpty()) {
      JsonArray calls = new JsonArray();
      for (LlmToolCall c : plan.llmToolCalls()) {
        calls.add(
            new JsonObject()
                .put("id", c.id())
                .put("type", "function")
                .put(
                    "function",
                    new JsonObject().put("name", c.name()).put("arguments", c.argumentsJson())));
      }
      message.put("tool_calls", calls);
    }
    message.put("refusal", null);
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
                        .put("message", message)
                        .put("logprobs", null)
                        .put("finish_reason", finishReason())))
        .put("usage", usage());
  }
}
