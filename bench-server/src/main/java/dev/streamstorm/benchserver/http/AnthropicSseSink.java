package dev.streamstorm.benchserver.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The Anthropic Messages event sequence, with {@code event:} names. */
final class AnthropicSseSink extends HttpSink {

  static final String MALFORMED_DATA = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":";

  private final AnthropicResponse r;
  private final TokenTemplate tokenTemplate;

  AnthropicSseSink(RoutingContext ctx, AnthropicResponse r) {
    super(ctx, ErrorStyle.ANTHROPIC);
    this.r = r;
    this.tokenTemplate =
        new TokenTemplate(
            "event: content_block_delta\n",
            new JsonObject()
                .put("type", "content_block_delta")
                .put("index", 0)
                .put(
                    "delta",
                    new JsonObject().put("type", "text_delta").put("text", TokenTemplate.MARKER)));
  }

  @Override
  public boolean streaming() {
    return true;
  }

  @Override
  public void open() {
    Buffer preamble =
        Sse.event(
                "message_start",
                new JsonObject().put("type", "message_start").put("message", r.startedMessage()))
            .appendBuffer(
                Sse.event(
                    "content_block_start",
                    new JsonObject()
                        .put("type", "content_block_start")
                        .put("index", 0)
                        .put(
                            "content_block", new JsonObject().put("type", "text").put("text", ""))))
            .appendBuffer(Sse.event("ping", "{\"type\": \"ping\"}"));
    startEventStream(preamble);
  }

  @Override
  public void token(int word) {
    write(tokenTemplate.render(word));
  }

  @Override
  public void malformed() {
    write(Sse.event("content_block_delta", MALFORMED_DATA));
  }

  @Override
  public void end() {
    Buffer tail =
        Sse.event(
                "content_block_stop",
                new JsonObject().put("type", "content_block_stop").put("index", 0))
            .appendBuffer(
                Sse.event(
                    "message_delta",
                    new JsonObject()
                        .put("type", "message_delta")
                        .put(
                            "delta",
                            new JsonObject()
                                .put("stop_reason", r.stopReason())
                                .put("stop_sequence", null))
                        .put(
                            "usage",
                            new JsonObject().put("output_tokens", r.plan().completionTokens()))))
            .appendBuffer(Sse.event("message_stop", new JsonObject().put("type", "message_stop")));
    endWith(tail);
  }
}
