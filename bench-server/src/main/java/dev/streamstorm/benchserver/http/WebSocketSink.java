package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.ToolCall;
import io.vertx.core.json.JsonObject;

/** One message's frames on a WebSocket conversation. */
final class WebSocketSink implements Sink {

  private static final TokenTemplate TOKEN = new TokenTemplate(AgentFrames.TOKEN_TEMPLATE.encode());

  private final WebSocketConversation conversation;
  private final Plan plan;
  private final String userContent;

  WebSocketSink(WebSocketConversation conversation, Plan plan, String userContent) {
    this.conversation = conversation;
    this.plan = plan;
    this.userContent = userContent;
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
    conversation.session().add("user", userContent);
  }

  @Override
  public void token(int word) {
    conversation.send(TOKEN.renderString(word));
  }

  @Override
  public void toolCall(ToolCall call) {
    conversation.send(AgentFrames.toolCall(call).encode());
    conversation.send(AgentFrames.llmUsage(1, 0).encode());
  }

  @Override
  public void toolResult(ToolCall call) {
    conversation.send(AgentFrames.toolResult(call).encode());
  }

  @Override
  public void malformed() {
    conversation.send(AgentFrames.MALFORMED);
  }

  @Override
  public void end() {
    conversation.session().add("assistant", plan.text());
    conversation.send(AgentFrames.llmUsage(plan.llmCalls(), plan.completionTokens()).encode());
    conversation.send(AgentFrames.done(plan).encode());
    conversation.messageOver();
  }

  /** An error frame; the connection stays open for the next message. */
  @Override
  public void streamError(boolean failed) {
    conversation.send(AgentFrames.streamError().encode());
    conversation.messageOver();
  }

  @Override
  public void drop() {
    conversation.drop();
  }

  @Override
  public void reject(ErrorKind kind, String message, long retryAfterSeconds) {
    conversation.sendError(kind, message, retryAfterSeconds);
    conversation.messageOver();
  }

  @Override
  public void onClientGone(Runnable action) {
    conversation.onGone(action);
  }

  static JsonObject errorFrame(ErrorKind kind, String message, long retryAfterSeconds) {
    JsonObject frame =
        new JsonObject().put("type", "error").put("code", kind.status).put("message", message);
    if (retryAfterSeconds > 0) {
      frame.put("retry_after", retryAfterSeconds);
    }
    return frame;
  }
}
