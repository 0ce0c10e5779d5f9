package dev.streamstorm.benchserver.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code chat.completion.chunk} events, as OpenAI streams them (reasoning as DeepSeek/vLLM do). */
final class OpenAiSseSink extends HttpSink {

  static final String MALFORMED_LINE = "{\"choices\":[{\"delta\":";

  private final OpenAiResponse r;
  private final boolean includeUsage;
  private final TokenTemplate tokenTemplate;
  private TokenTemplate reasoningTemplate;

  OpenAiSseSink(RoutingContext ctx, OpenAiResponse r, boolean includeUsage) {
    super(ctx, ErrorStyle.OPENAI);
    this.r = r;
    this.includeUsage = includeUsage;
    this.tokenTemplate = template("content");
  }

  private TokenTemplate template(String field) {
    return new TokenTemplate(
        "",
        r.chunk(
            OpenAiResponse.choice(new JsonObject().put(field, TokenTemplate.MARKER), null),
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
  public void reasoning(int word) {
    if (reasoningTemplate == null) {
      reasoningTemplate = template(r.reasoningField());
    }
    write(reasoningTemplate.render(word));
  }

  @Override
  public void toolCallStart(int call) {
    write(deltaChunk(r.toolCallStartDelta(call)));
  }

  @Override
  public void toolCallArguments(int call, int chunk) {
    write(deltaChunk(r.toolCallArgumentsDelta(call, chunk)));
  }

  private Buffer deltaChunk(JsonObject delta) {
    return Sse.data(r.chunk(OpenAiResponse.choice(delta, null), includeUsage, null));
  }

  @Override
  public void malformed() {
    write(Sse.data(MALFORMED_LINE));
  }

  /** OpenAI's mid-stream error: a data line holding only an error object, then the end. */
  @Override
  public void streamError(boolean failed) {
    endWith(
        Sse.data(
            ErrorStyle.OPENAI.body(
                ErrorKind.SERVER_ERROR, "injected fault: the model failed mid-generation")));
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
