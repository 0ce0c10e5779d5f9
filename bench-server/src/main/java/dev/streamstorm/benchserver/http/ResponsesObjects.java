package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.LlmToolCall;
import dev.streamstorm.benchserver.model.Plan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON objects of one OpenAI Responses API response: the response itself at each status, and
 * its output items (reasoning, function_call, message).
 */
record ResponsesObjects(
    String responseId, long createdEpochSeconds, String model, int inputTokens, Plan plan) {

  String reasoningItemId() {
    return "rs_" + responseId.substring("resp_".length());
  }

  String messageItemId() {
    return "msg_" + responseId.substring("resp_".length());
  }

  String functionCallItemId(int call) {
    return "fc_" + responseId.substring("resp_".length()) + "_" + call;
  }

  /** The response as response.created and response.in_progress carry it. */
  JsonObject inProgress() {
    return response("in_progress", new JsonArray(), null, null, null);
  }

  /** The response as response.completed (or response.incomplete, when cut) carries it. */
  JsonObject finished() {
    JsonObject incomplete =
        plan.truncated() ? new JsonObject().put("reason", "max_output_tokens") : null;
    return response(
        plan.truncated() ? "incomplete" : "completed", output(), null, incomplete, usage());
  }

  /** The response as response.failed carries it. */
  JsonObject failed(String message) {
    JsonObject error = new JsonObject().put("code", "server_error").put("message", message);
    return response("failed", new JsonArray(), error, null, null);
  }

  JsonObject reasoningItem(boolean done) {
    JsonArray summary = new JsonArray();
    if (done) {
      summary.add(summaryPart(plan.reasoningText()));
    }
    return new JsonObject()
        .put("id", reasoningItemId())
        .put("type", "reasoning")
        .put("summary", summary);
  }

  static JsonObject summaryPart(String text) {
    return new JsonObject().put("type", "summary_text").put("text", text);
  }

  JsonObject functionCallItem(int call, boolean done) {
    LlmToolCall c = plan.llmToolCalls().get(call);
    return new JsonObject()
        .put("id", functionCallItemId(call))
        .put("type", "function_call")
        .put("status", done ? "completed" : "in_progress")
        .put("arguments", done ? c.argumentsJson() : "")
        .put("call_id", c.id())
        .put("name", c.name());
  }

  JsonObject messageItem(boolean done) {
    JsonArray content = new JsonArray();
    if (done) {
      content.add(outputText(plan.text()));
    }
    return new JsonObject()
        .put("id", messageItemId())
        .put("type", "message")
        .put("status", done ? "completed" : "in_progress")
        .put("content", content)
        .put("role", "assistant");
  }

  static JsonObject outputText(String text) {
    return new JsonObject()
        .put("type", "output_text")
        .put("annotations", new JsonArray())
        .put("text", text);
  }

  /** output_tokens counts answer and reasoning; output_tokens_details says how much reasoning. */
  JsonObject usage() {
    int output = plan.outputTokens();
    return new JsonObject()
        .put("input_tokens", inputTokens)
        .put("input_tokens_details", new JsonObject().put("cached_tokens", 0))
        .put("output_tokens", output)
        .put(
            "output_tokens_details",
            new JsonObject().put("reasoning_tokens", plan.reasoningTokens()))
        .put("total_tokens", inputTokens + output);
  }

  private JsonArray output() {
    JsonArray out = new JsonArray();
    if (plan.reasoningTokens() > 0) {
      out.add(reasoningItem(true));
    }
    for (int j = 0; j < plan.llmToolCalls().size(); j++) {
      out.add(functionCallItem(j, true));
    }
    if (plan.completionTokens() > 0) {
      out.add(messageItem(true));
    }
    return out;
  }

  private JsonObject response(
      String status, JsonArray output, JsonObject error, JsonObject incomplete, JsonObject usage) {
    return new JsonObject()
        .put("id", responseId)
        .put("object", "response")
        .put("created_at", createdEpochSeconds)
        .put("status", status)
        .put("error", error)
        .put("incomplete_details", incomplete)
        .put("model", model)
        .put("output", output)
        .put("parallel_tool_calls", true)
        .put("tool_choice", "auto")
        .put("tools", new JsonArray())
        .put("usage", usage);
  }
}
