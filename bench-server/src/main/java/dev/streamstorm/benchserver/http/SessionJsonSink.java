package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Fault;
import dev.streamstorm.benchserver.model.Plan;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The session API's JSON answer, for clients that do not accept text/event-stream. */
final class SessionJsonSink extends HttpSink {

  private final Plan plan;
  private final Session session;
  private final String userContent;

  SessionJsonSink(RoutingContext ctx, Plan plan, Session session, String userContent) {
    super(ctx, ErrorStyle.PLAIN);
    this.plan = plan;
    this.session = session;
    this.userContent = userContent;
  }

  @Override
  public boolean streaming() {
    return false;
  }

  @Override
  public void open() {
    session.add("user", userContent);
  }

  @Override
  public void token(int word) {
    throw new IllegalStateException("a JSON answer is written whole at the end");
  }

  @Override
  public void malformed() {
    throw new IllegalStateException("a JSON answer is written whole at the end");
  }

  @Override
  public void streamError(boolean failed) {
    answerServerError();
  }

  @Override
  public void end() {
    response.putHeader(HttpHeaders.CONTENT_TYPE, HttpReplies.JSON);
    if (plan.fault() == Fault.MALFORMED) {
      endWith(Buffer.buffer("{\"session_id\":\"" + session.id() + "\",\"content\":"));
      return;
    }
    String text = plan.text();
    session.add("assistant", text);
    endWith(
        new JsonObject()
            .put("session_id", session.id())
            .put("content", text)
            .put("usage", AgentFrames.usage(plan))
            .put("phases_ms", AgentFrames.phases(plan.phases()))
            .toBuffer());
  }
}
