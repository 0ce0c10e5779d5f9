package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.ToolCall;
import io.vertx.ext.web.RoutingContext;

/** The session API's named SSE events: token, tool_call, tool_result, usage, done (and error). */
final class SessionSseSink extends HttpSink {

  private static final TokenTemplate TOKEN =
      new TokenTemplate("event: token\n", AgentFrames.TOKEN_TEMPLATE);

  private final Plan plan;
  private final Session session;
  private final String userContent;

  SessionSseSink(RoutingContext ctx, Plan plan, Session session, String userContent) {
    super(ctx, ErrorStyle.PLAIN);
    this.plan = plan;
    this.session = session;
    this.userContent = userContent;
  }

  @Override
  public boolean streaming() {
    return true;
  }

  @Override
  public void open() {
    session.add("user", userContent);
    startEventStream(null);
  }

  @Override
  public void token(int word) {
    write(TOKEN.render(word));
  }

  @Override
  public void toolCall(ToolCall call) {
    write(
        Sse.event("tool_call", AgentFrames.toolCall(call))
            .appendBuffer(Sse.event("usage", AgentFrames.llmUsage(1, 0))));
  }

  @Override
  public void toolResult(ToolCall call) {
    write(Sse.event("tool_result", AgentFrames.toolResult(call)));
  }

  @Override
  public void malformed() {
    write(Sse.event("token", AgentFrames.MALFORMED));
  }

  @Override
  public void streamError(boolean failed) {
    endWith(Sse.event("error", AgentFrames.streamError()));
  }

  @Override
  public void end() {
    session.add("assistant", plan.text());
    endWith(
        Sse.event("usage", AgentFrames.llmUsage(plan.llmCalls(), plan.completionTokens()))
            .appendBuffer(Sse.event("done", AgentFrames.done(plan))));
  }
}
