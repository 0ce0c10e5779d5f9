package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Plan;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * A2A {@code message/stream}: SSE events each holding one JSON-RPC response with the request's id.
 * With the headers: the task (submitted) and a status-update (working); each answer token is an
 * artifact-update of one text part ({@code append} after the first, {@code lastChunk} on the last);
 * the end is a status-update (completed) with {@code final: true}.
 */
final class A2aSseSink extends HttpSink {

  static final String MALFORMED_DATA =
      "{\"jsonrpc\":\"2.0\",\"result\":{\"kind\":\"artifact-update\",\"artifact\":";

  private final Object rpcId;
  private final String taskId;
  private final String contextId;
  private final String artifactId;
  private final JsonObject userMessage;
  private final Plan plan;
  private final TokenTemplate middle;
  private int written;

  A2aSseSink(
      RoutingContext ctx,
      Object rpcId,
      String taskId,
      String contextId,
      JsonObject userMessage,
      Plan plan) {
    super(ctx, ErrorStyle.PLAIN);
    this.rpcId = rpcId;
    this.taskId = taskId;
    this.contextId = contextId;
    this.artifactId = "artifact-" + taskId;
    this.userMessage = userMessage;
    this.plan = plan;
    this.middle = new TokenTemplate("", JsonRpc.result(rpcId, artifactUpdate(true, false, null)));
  }

  @Override
  public boolean streaming() {
    return true;
  }

  @Override
  public void open() {
    JsonObject task =
        new JsonObject()
            .put("id", taskId)
            .put("contextId", contextId)
            .put("status", status("submitted"))
            .put("history", new JsonArray().add(userMessage))
            .put("kind", "task");
    startEventStream(event(task).appendBuffer(event(statusUpdate("working", false))));
  }

  @Override
  public void token(int word) {
    int index = written++;
    boolean first = index == 0;
    boolean last = index == plan.completionTokens() - 1;
    if (!first && !last) {
      write(middle.render(word));
      return;
    }
    TokenTemplate once =
        new TokenTemplate("", JsonRpc.result(rpcId, artifactUpdate(!first, last, null)));
    write(once.render(word));
  }

  @Override
  public void malformed() {
    write(Sse.data(MALFORMED_DATA));
  }

  /**
   * error_event: a JSON-RPC error response in the stream; failed: a final status-update in state
   * failed. Either ends the stream.
   */
  @Override
  public void streamError(boolean failed) {
    String message = "injected fault: the agent failed mid-answer";
    if (failed) {
      JsonObject update = statusUpdate("failed", true);
      update
          .getJsonObject("status")
          .put(
              "message",
              new JsonObject()
                  .put("role", "agent")
                  .put("parts", new JsonArray().add(textPart(message)))
                  .put("messageId", "msg-" + taskId + "-failed")
                  .put("taskId", taskId)
                  .put("contextId", contextId)
                  .put("kind", "message"));
      endWith(event(update));
    } else {
      endWith(Sse.data(JsonRpc.error(rpcId, JsonRpc.INTERNAL_ERROR, message, null)));
    }
  }

  @Override
  public void end() {
    endWith(event(statusUpdate("completed", true)));
  }

  @Override
  public void reject(ErrorKind kind, String message, long retryAfterSeconds) {
    JsonRpc.reject(response, rpcId, kind, message, retryAfterSeconds);
  }

  private JsonObject artifactUpdate(boolean append, boolean lastChunk, String text) {
    return new JsonObject()
        .put("taskId", taskId)
        .put("contextId", contextId)
        .put("kind", "artifact-update")
        .put(
            "artifact",
            new JsonObject()
                .put("artifactId", artifactId)
                .put("name", "answer")
                .put(
                    "parts",
                    new JsonArray().add(textPart(text == null ? TokenTemplate.MARKER : text))))
        .put("append", append)
        .put("lastChunk", lastChunk);
  }

  private JsonObject statusUpdate(String state, boolean isFinal) {
    return new JsonObject()
        .put("taskId", taskId)
        .put("contextId", contextId)
        .put("kind", "status-update")
        .put("status", status(state))
        .put("final", isFinal);
  }

  private static JsonObject status(String state) {
    return new JsonObject().put("state", state).put("timestamp", Instant.now().toString());
  }

  static JsonObject textPart(String text) {
    return new JsonObject().put("kind", "text").put("text", text);
  }

  private Buffer event(JsonObject result) {
    return Sse.data(JsonRpc.result(rpcId, result));
  }
}
