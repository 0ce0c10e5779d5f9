package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Fault;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** One Anthropic {@code message} JSON answer after the whole generation time. */
final class AnthropicJsonSink extends HttpSink {

  private final AnthropicResponse r;

  AnthropicJsonSink(RoutingContext ctx, AnthropicResponse r) {
    super(ctx, ErrorStyle.ANTHROPIC);
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
          Buffer.buffer("{\"id\":\"" + r.messageId() + "\",\"type\":\"message\",\"content\":["));
    } else {
      endWith(r.fullMessage().toBuffer());
    }
  }
}
