package dev.streamstorm.benchserver.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code chat.completion.chunk} events, as OpenAI streams them. */
final class OpenAiSseSink extends HttpSink {

  static final String MALFORMED_LINE = "{\"choices\":[{\"delta\":";

  private final OpenAiResponse r;
  private final boolean includeUsage;
  private final TokenTemplate tokenTemplate;

  OpenAiSseSink(RoutingContext ctx, OpenAiResponse r, boolean includeUsage) {
    super(ctx, ErrorStyle.OPENAI);
    this.r = r;
    this.includeUsage = includeUsage;
    this.tokenTemplate =
        new TokenTemplate(
            "",
            r.chunk(
                OpenAiResponse.choice(new JsonObject().put("content", TokenTemplate.MARKER), null),
                includeUsage,
                null));
  }

  @Override
  public boolean streaming() {
    return true;
  }

  @Override
  public void open() {
    JsonObject roleDelta = new JsonObject().put("role", "assistant").put("content", "");
    startEventStream(Sse.data(r.chunk(OpenAiResponse.choice(roleDelta, null), includeUsage, null)));
  }

  @Override
  public void token(int word) {
    write(tokenTemplate.render(word));
  }

  @Override
  public void malformed() {
    write(Sse.data(MALFORMED_LINE));
  }

  @Override
  public void end() {
    Buffer tail =
        Sse.data(
            r.chunk(OpenAiResponse.choice(new JsonObject(), r.finishReason()), includeUsage, null));
    if (includeUsage) {
      tail.appendBuffer(Sse.data(r.chunk(new JsonArray(), true, r.usage())));
    }
    tail.appendBuffer(Sse.data("[DONE]"));
    endWith(tail);
  }
}
