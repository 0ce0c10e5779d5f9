package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.LlmToolCall;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The Anthropic Messages event sequence, with {@code event:} names: a thinking block, tool_use
 * blocks and a text block, each opened when its first event is due and closed when the next block
 * opens (a thinking block closes with its signature_delta).
 */
final class AnthropicSseSink extends HttpSink {

  static final String MALFORMED_DATA = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":";

  private enum Block {
    NONE,
    THINKING,
    TOOL_USE,
    TEXT
  }

  private final AnthropicResponse r;
  private Block block = Block.NONE;
  private int blockIndex = -1;
  private TokenTemplate textTemplate;
  private TokenTemplate thinkingTemplate;

  AnthropicSseSink(RoutingContext ctx, AnthropicResponse r) {
    super(ctx, ErrorStyle.ANTHROPIC);
    this.r = r;
  }

  @Override
  public boolean streaming() {
    return true;
  }

  /**
   * message_start, the first block's start when it is thinking or text (a tool_use block starts
   * with its tool call, at that call's time), and a ping: all with the headers.
   */
  @Override
  public void open() {
    Buffer preamble =
        Sse.event(
            "message_start",
            new JsonObject().put("type", "message_start").put("message", r.startedMessage()));
    if (r.plan().reasoningTokens() > 0) {
      preamble.appendBuffer(startBlock(Block.THINKING));
    } else if (r.plan().llmToolCalls().isEmpty()) {
      preamble.appendBuffer(startBlock(Block.TEXT));
    }
    preamble.appendBuffer(Sse.event("ping", "{\"type\": \"ping\"}"));
    startEventStream(preamble);
  }

  @Override
  public void token(int word) {
    if (block != Block.TEXT) {
      Buffer b = switchTo(Block.TEXT);
      write(b.appendBuffer(textTemplate.render(word)));
      return;
    }
    write(textTemplate.render(word));
  }

  @Override
  public void reasoning(int word) {
    write(thinkingTemplate.render(word));
  }

  @Override
  public void toolCallStart(int call) {
    Buffer b = closeBlock();
    LlmToolCall c = r.plan().llmToolCalls().get(call);
    blockIndex++;
    block = Block.TOOL_USE;
    b.appendBuffer(
        Sse.event(
            "content_block_start",
            new JsonObject()
                .put("type", "content_block_start")
                .put("index", blockIndex)
                .put(
                    "content_block",
                    new JsonObject()
                        .put("type", "tool_use")
                        .put("id", AnthropicResponse.toolUseId(c))
                        .put("name", c.name())
                        .put("input", new JsonObject()))));
    write(b);
  }

  @Override
  public void toolCallArguments(int call, int chunk) {
    String piece = r.plan().llmToolCalls().get(call).argumentChunks().get(chunk);
    write(delta(new JsonObject().put("type", "input_json_delta").put("partial_json", piece)));
  }

  @Override
  public void malformed() {
    write(Sse.event("content_block_delta", MALFORMED_DATA));
  }

  /** Anthropic's mid-stream error event, then the end (no message_stop). */
  @Override
  public void streamError(boolean failed) {
    endWith(
        Sse.event(
            "error",
            ErrorStyle.ANTHROPIC.body(
                ErrorKind.SERVER_ERROR, "injected fault: the model failed mid-generation")));
  }

  @Override
  public void end() {
    Buffer tail = closeBlock();
    tail.appendBuffer(
            Sse.event(
                "message_delta",
                new JsonObject()
                    .put("type", "message_delta")
                    .put(
                        "delta",
                        new JsonObject()
                            .put("stop_reason", r.stopReason())
                            .put("stop_sequence", null))
                    .put("usage", new JsonObject().put("output_tokens", r.plan().outputTokens()))))
        .appendBuffer(Sse.event("message_stop", new JsonObject().put("type", "message_stop")));
    endWith(tail);
  }

  private Buffer switchTo(Block next) {
    return closeBlock().appendBuffer(startBlock(next));
  }

  /** Starts a thinking or text block (and renders its token template, index included). */
  private Buffer startBlock(Block next) {
    blockIndex++;
    block = next;
    JsonObject contentBlock;
    if (next == Block.THINKING) {
      contentBlock = new JsonObject().put("type", "thinking").put("thinking", "");
      thinkingTemplate = deltaTemplate("thinking_delta", "thinking");
    } else {
      contentBlock = new JsonObject().put("type", "text").put("text", "");
      textTemplate = deltaTemplate("text_delta", "text");
    }
    return Sse.event(
        "content_block_start",
        new JsonObject()
            .put("type", "content_block_start")
            .put("index", blockIndex)
            .put("content_block", contentBlock));
  }

  private TokenTemplate deltaTemplate(String type, String field) {
    return new TokenTemplate(
        "event: content_block_delta\n",
        new JsonObject()
            .put("type", "content_block_delta")
            .put("index", blockIndex)
            .put("delta", new JsonObject().put("type", type).put(field, TokenTemplate.MARKER)));
  }

  /** Ends the open block, a thinking one with its signature first; empty when none is open. */
  private Buffer closeBlock() {
    Buffer b = Buffer.buffer();
    if (block == Block.NONE) {
      return b;
    }
    if (block == Block.THINKING) {
      b.appendBuffer(
          delta(
              new JsonObject()
                  .put("type", "signature_delta")
                  .put("signature", AnthropicResponse.SIGNATURE)));
    }
    b.appendBuffer(
        Sse.event(
            "content_block_stop",
            new JsonObject().put("type", "content_block_stop").put("index", blockIndex)));
    block = Block.NONE;
    return b;
  }

  private Buffer delta(JsonObject delta) {
    return Sse.event(
        "content_block_delta",
        new JsonObject()
            .put("type", "content_block_delta")
            .put("index", blockIndex)
            .put("delta", delta));
  }
}
