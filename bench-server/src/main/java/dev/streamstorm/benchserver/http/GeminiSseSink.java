package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.LlmToolCall;
import dev.streamstorm.benchserver.model.Plan;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Gemini's {@code streamGenerateContent?alt=sse}: one {@code GenerateContentResponse} per event,
 * framed with CRLF as Google's servers do ({@code data: {...}\r\n\r\n}), no done marker: the stream
 * ends by closing. Reasoning tokens are parts with {@code "thought": true}; a tool call is one
 * {@code functionCall} part with its whole arguments, sent when the call starts (Gemini does not
 * stream arguments); the last event has finishReason and the full usageMetadata.
 */
final class GeminiSseSink extends HttpSink {

  static final String CRLF2 = "\r\n\r\n";
  static final String MALFORMED_DATA = "{\"candidates\":[{\"content\":";

  private final String model;
  private final String responseId;
  private final int promptTokens;
  private final Plan plan;
  private final TokenTemplate text;
  private TokenTemplate thought;

  GeminiSseSink(RoutingContext ctx, String model, String responseId, int promptTokens, Plan plan) {
    super(ctx, ErrorStyle.GOOGLE);
    this.model = model;
    this.responseId = responseId;
    this.promptTokens = promptTokens;
    this.plan = plan;
    this.text = template(false);
  }

  @Override
  public boolean streaming() {
    return true;
  }

  @Override
  public void open() {
    startEventStream(null);
  }

  @Override
  public void token(int word) {
    write(text.render(word));
  }

  @Override
  public void reasoning(int word) {
    if (thought == null) {
      thought = template(true);
    }
    write(thought.render(word));
  }

  @Override
  public void toolCallStart(int call) {
    LlmToolCall c = plan.llmToolCalls().get(call);
    JsonObject part =
        new JsonObject()
            .put(
                "functionCall",
                new JsonObject()
                    .put("name", c.name())
                    .put("args", new JsonObject(c.argumentsJson())));
    write(data(chunk(part, null, intermediateUsage())));
  }

  /** Gemini sends a call's arguments whole, with its start: nothing to write here. */
  @Override
  public void toolCallArguments(int call, int chunk) {}

  @Override
  public void malformed() {
    write(data(MALFORMED_DATA));
  }

  /** Google's error object as an event, then the end. */
  @Override
  public void streamError(boolean failed) {
    endWith(
        data(
            ErrorStyle.GOOGLE
                .body(ErrorKind.SERVER_ERROR, "injected fault: the model failed mid-generation")
                .encode()));
  }

  @Override
  public void end() {
    int output = plan.outputTokens();
    JsonObject usage =
        new JsonObject()
            .put("promptTokenCount", promptTokens)
            .put("candidatesTokenCount", plan.completionTokens())
            .put("totalTokenCount", promptTokens + output)
            .put("thoughtsTokenCount", plan.reasoningTokens());
    String finish = plan.truncated() ? "MAX_TOKENS" : "STOP";
    endWith(data(chunk(new JsonObject().put("text", ""), finish, usage)));
  }

  private TokenTemplate template(boolean isThought) {
    JsonObject part = new JsonObject().put("text", TokenTemplate.MARKER);
    if (isThought) {
      part.put("thought", true);
    }
    return new TokenTemplate(data(chunk(part, null, intermediateUsage())).toString());
  }

  /** Intermediate chunks carry the prompt's count only, as Gemini's first chunks do. */
  private JsonObject intermediateUsage() {
    return new JsonObject()
        .put("promptTokenCount", promptTokens)
        .put("totalTokenCount", promptTokens);
  }

  private String chunk(JsonObject part, String finishReason, JsonObject usage) {
    JsonObject candidate =
        new JsonObject()
            .put(
                "content",
                new JsonObject().put("parts", new JsonArray().add(part)).put("role", "model"));
    if (finishReason != null) {
      candidate.put("finishReason", finishReason);
    }
    candidate.put("index", 0);
    return new JsonObject()
        .put("candidates", new JsonArray().add(candidate))
        .put("usageMetadata", usage)
        .put("modelVersion", model)
        .put("responseId", responseId)
        .encode();
  }

  private static Buffer data(String json) {
    return Buffer.buffer("data: " + json + CRLF2);
  }
}
