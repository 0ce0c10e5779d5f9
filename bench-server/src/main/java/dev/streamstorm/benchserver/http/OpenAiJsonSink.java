package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Fault;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** One {@code chat.completion} JSON answer after the whole generation time. */
final class OpenAiJsonSink extends HttpSink {

  private final OpenAiResponse r;

  OpenAiJsonSink(RoutingContext ctx, OpenAiResponse r) {
    super(ctx, ErrorStyle.OPENAI);
    this.r = r;
  }

  @Override
  public boolean streaming() {
    return false;
  }

  @Override
  public void open() {}

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
    if (r.plan().fault() == Fault.MALFORMED) {
      endWith(
          Buffer.buffer(
              "{\"id\":\"" + r.completionId() + "\",\"object\":\"chat.completion\",\"choices\":["));
    } else {
      endWith(r.completion().toBuffer());
    }
  }
}
