package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Plan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * One Realtime response's server events, as text frames: with admission response.created,
 * response.output_item.added and response.content_part.added; one {@code response.text.delta} per
 * token; at the end response.text.done, response.content_part.done, response.output_item.done and
 * {@code response.done} with the usage.
 */
final class RealtimeSink implements Sink {

  static final String MALFORMED = "{\"type\":\"response.text.delta\",\"delta\":";

  private final RealtimeConversation conversation;
  private final String responseId;
  private final String itemId;
  private final int inputTokens;
  private final Plan plan;
  private final NumberedTokenTemplate delta;

  RealtimeSink(RealtimeConversation conversation, String responseId, int inputTokens, Plan plan) {
    this.conversation = conversation;
    this.responseId = responseId;
    this.itemId = "item_" + responseId.substring("resp_".length());
    this.inputTokens = inputTokens;
    this.plan = plan;
    this.delta =
        new NumberedTokenTemplate(
            "",
            at(new JsonObject().put("type", "response.text.delta"))
                .put("delta", TokenTemplate.MARKER)
                .put("event_id", "event_" + NumberedTokenTemplate.NUMBER),
            "");
  }

  @Override
  public boolean streaming() {
    return true;
  }

  @Override
  public boolean hasHeaders() {
    return false;
  }

  @Override
  public void open() {
    send(
        conversation
            .event("response.created")
            .put("response", response("in_progress", null, new JsonArray(), null)));
    send(
        conversation
            .event("response.output_item.added")
            .put("response_id", responseId)
            .put("output_index", 0)
            .put("item", item("in_progress", null)));
    send(
        at(conversation.event("response.content_part.added"))
            .put("part", new JsonObject().put("type", "text").put("text", "")));
  }

  @Override
  public void token(int word) {
    conversation.send(
        delta.render(word, conversation.nextEventNumber()).toString(StandardCharsets.UTF_8));
  }

  @Override
  public void malformed() {
    conversation.send(MALFORMED);
  }

  /** error_event: the API's error event; failed: response.done with status failed. */
  @Override
  public void streamError(boolean failed) {
    String message = "injected fault: the model failed mid-generation";
    if (failed) {
      JsonObject details =
          new JsonObject()
              .put("type", "failed")
              .put(
                  "error",
                  new JsonObject()
                      .put("type", "server_error")
                      .put("code", "server_error")
                      .put("message", message));
      send(
          conversation
              .event("response.done")
              .put("response", response("failed", details, new JsonArray(), null)));
    } else {
      conversation.sendError("server_error", "server_error", message, null);
    }
    conversation.messageOver();
  }

  @Override
  public void end() {
    String text = plan.text();
    conversation.history().add("assistant", text);
    JsonObject part = new JsonObject().put("type", "text").put("text", text);
    send(at(conversation.event("response.text.done")).put("text", text));
    send(at(conversation.event("response.content_part.done")).put("part", part));
    send(
        conversation
            .event("response.output_item.done")
            .put("response_id", responseId)
            .put("output_index", 0)
            .put("item", item("completed", part)));
    JsonObject details =
        plan.truncated()
            ? new JsonObject().put("type", "incomplete").put("reason", "max_output_tokens")
            : null;
    send(
        conversation
            .event("response.done")
            .put(
                "response",
                response(
                    plan.truncated() ? "incomplete" : "completed",
                    details,
                    new JsonArray().add(item("completed", part)),
                    usage())));
    conversation.messageOver();
  }

  @Override
  public void drop() {
    conversation.drop();
  }

  @Override
  public void reject(ErrorKind kind, String message, long retryAfterSeconds) {
    conversation.sendError(kind.type, kind.code, message, null);
    conversation.messageOver();
  }

  @Override
  public void onClientGone(Runnable action) {
    conversation.onGone(action);
  }

  private void send(JsonObject event) {
    conversation.send(event.encode());
  }

  /** The fields that place an event in the response's one item and one content part. */
  private JsonObject at(JsonObject event) {
    return event
        .put("response_id", responseId)
        .put("item_id", itemId)
        .put("output_index", 0)
        .put("content_index", 0);
  }

  private JsonObject item(String status, JsonObject part) {
    JsonArray content = new JsonArray();
    if (part != null) {
      content.add(part);
    }
    return new JsonObject()
        .put("id", itemId)
        .put("object", "realtime.item")
        .put("type", "message")
        .put("status", status)
        .put("role", "assistant")
        .put("content", content);
  }

  private JsonObject response(
      String status, JsonObject statusDetails, JsonArray output, JsonObject usage) {
    return new JsonObject()
        .put("id", responseId)
        .put("object", "realtime.response")
        .put("status", status)
        .put("status_details", statusDetails)
        .put("output", output)
        .put("usage", usage);
  }

  private JsonObject usage() {
    int output = plan.completionTokens();
    return new JsonObject()
        .put("total_tokens", inputTokens + output)
        .put("input_tokens", inputTokens)
        .put("output_tokens", output)
        .put(
            "input_token_details",
            new JsonObject()
                .put("cached_tokens", 0)
                .put("text_tokens", inputTokens)
                .put("audio_tokens", 0))
        .put(
            "output_token_details",
            new JsonObject().put("text_tokens", output).put("audio_tokens", 0));
  }
}
