package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.LlmToolCall;
import dev.streamstorm.benchserver.model.Plan;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The Vercel AI SDK 5 UI message stream ({@code x-vercel-ai-ui-message-stream: v1}): {@code data:}
 * JSON parts, each with a {@code type}, ended by {@code data: [DONE]}. Reasoning and text are
 * start/delta/end blocks; a tool call is tool-input-start, tool-input-delta chunks, then
 * tool-input-available and tool-output-available (the server runs its tools, as a route with
 * server-side tools does); the answer after tool calls is a second step (finish-step, start-step),
 * one LLM call each.
 */
final class VercelSseSink extends HttpSink {

  static final String MALFORMED_DATA = "{\"type\":\"text-delta\",\"id\":";

  private enum Part {
    NONE,
    REASONING,
    TOOL,
    TEXT
  }

  private final String messageId;
  private final String reasoningId;
  private final String textId;
  private final Plan plan;
  private Part part = Part.NONE;
  private int call = -1;
  private boolean toolsInStep;
  private TokenTemplate textDelta;
  private TokenTemplate reasoningDelta;

  VercelSseSink(RoutingContext ctx, long sequence, Plan plan) {
    super(ctx, ErrorStyle.PLAIN);
    this.messageId = "msg-bench" + sequence;
    this.reasoningId = "reasoning-" + sequence;
    this.textId = "text-" + sequence;
    this.plan = plan;
  }

  @Override
  public boolean streaming() {
    return true;
  }

  @Override
  protected void extraHeaders() {
    response.putHeader("x-vercel-ai-ui-message-stream", "v1").putHeader("x-accel-buffering", "no");
  }

  @Override
  public void open() {
    startEventStream(
        part(new JsonObject().put("type", "start").put("messageId", messageId))
            .appendBuffer(part(type("start-step"))));
  }

  @Override
  public void reasoning(int word) {
    if (part != Part.REASONING) {
      Buffer b = close();
      part = Part.REASONING;
      reasoningDelta = deltaTemplate("reasoning-delta", reasoningId);
      b.appendBuffer(part(type("reasoning-start").put("id", reasoningId)));
      write(b.appendBuffer(reasoningDelta.render(word)));
      return;
    }
    write(reasoningDelta.render(word));
  }

  @Override
  public void toolCallStart(int call) {
    Buffer b = close();
    part = Part.TOOL;
    toolsInStep = true;
    this.call = call;
    LlmToolCall c = plan.llmToolCalls().get(call);
    b.appendBuffer(
        part(type("tool-input-start").put("toolCallId", c.id()).put("toolName", c.name())));
    write(b);
  }

  @Override
  public void toolCallArguments(int call, int chunk) {
    LlmToolCall c = plan.llmToolCalls().get(call);
    write(
        part(
            type("tool-input-delta")
                .put("toolCallId", c.id())
                .put("inputTextDelta", c.argumentChunks().get(chunk))));
  }

  @Override
  public void token(int word) {
    if (part != Part.TEXT) {
      Buffer b = close();
      if (toolsInStep) {
        // the tools ran: the answer is the next LLM call, a step of its own
        b.appendBuffer(part(type("finish-step"))).appendBuffer(part(type("start-step")));
        toolsInStep = false;
      }
      part = Part.TEXT;
      textDelta = deltaTemplate("text-delta", textId);
      b.appendBuffer(part(type("text-start").put("id", textId)));
      write(b.appendBuffer(textDelta.render(word)));
      return;
    }
    write(textDelta.render(word));
  }

  @Override
  public void malformed() {
    write(Sse.data(MALFORMED_DATA));
  }

  /** The protocol's error part, then the stream's end marker (no finish). */
  @Override
  public void streamError(boolean failed) {
    endWith(
        part(type("error").put("errorText", "injected fault: the model failed mid-generation"))
            .appendBuffer(Sse.data("[DONE]")));
  }

  @Override
  public void end() {
    Buffer tail = close();
    tail.appendBuffer(part(type("finish-step")))
        .appendBuffer(part(type("finish")))
        .appendBuffer(Sse.data("[DONE]"));
    endWith(tail);
  }

  /** Ends the open part: reasoning-end, text-end, or a tool's input and output. */
  private Buffer close() {
    Buffer b = Buffer.buffer();
    switch (part) {
      case REASONING -> b.appendBuffer(part(type("reasoning-end").put("id", reasoningId)));
      case TEXT -> b.appendBuffer(part(type("text-end").put("id", textId)));
      case TOOL -> {
        LlmToolCall c = plan.llmToolCalls().get(call);
        b.appendBuffer(
                part(
                    type("tool-input-available")
                        .put("toolCallId", c.id())
                        .put("toolName", c.name())
                        .put("input", new JsonObject(c.argumentsJson()))))
            .appendBuffer(
                part(
                    type("tool-output-available")
                        .put("toolCallId", c.id())
                        .put("output", new JsonObject().put("ok", true))));
      }
      case NONE -> {}
    }
    part = Part.NONE;
    return b;
  }

  private static TokenTemplate deltaTemplate(String type, String id) {
    return new TokenTemplate("", type(type).put("id", id).put("delta", TokenTemplate.MARKER));
  }

  private static JsonObject type(String type) {
    return new JsonObject().put("type", type);
  }

  private static Buffer part(JsonObject json) {
    return Sse.data(json);
  }
}
