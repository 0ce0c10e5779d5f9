package dev.streamstorm.engine;

import dev.streamstorm.scenario.Preset;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.RequestSpec;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.Template;
import dev.streamstorm.scenario.TemplateContext;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Optional;

/** Renders what a message sends: the HTTP request (SSE) or the text frame (WebSocket). */
final class MessageRequests {

  /** One HTTP request, ready to send. */
  record HttpRequest(HttpMethod method, String path, MultiMap headers, Buffer body) {}

  private final Scenario scenario;
  private final boolean chat;

  /** The message body, compiled; empty when it is rendered as a tree (templated keys). */
  private final Optional<CompiledBody> compiledBody;

  private final Optional<CompiledBody> webSocketFrame;

  MessageRequests(Scenario scenario) {
    this.scenario = scenario;
    this.chat =
        (scenario.preset() == Preset.OPENAI_CHAT || scenario.preset() == Preset.ANTHROPIC_MESSAGES)
            && scenario.request().body().map(b -> !b.tree().has("messages")).orElse(true);
    this.compiledBody =
        scenario.request().body().isPresent() || chat
            ? CompiledBody.compile(scenario.request().body(), chat)
            : Optional.empty();
    this.webSocketFrame =
        scenario.protocol() == Protocol.WEBSOCKET
            ? CompiledBody.compile(Optional.of(scenario.websocket().message()), false)
            : Optional.empty();
  }

  /**
   * True when a message's body carries the conversation so far: the chat presets, unless the
   * scenario writes {@code messages} itself.
   */
  boolean sendsHistory() {
    return chat;
  }

  /**
   * The request of one message. With {@code history} (chat presets: given exactly when {@link
   * #sendsHistory}), the body's {@code messages} is the conversation so far plus {@code message}.
   */
  HttpRequest message(TemplateContext vars, History history, String message) {
    RequestSpec req = scenario.request();
    Buffer body = null;
    if (req.body().isPresent() || chat) {
      body =
          compiledBody.isPresent()
              ? compiledBody.get().render(vars, history, message)
              : Buffer.buffer(
                  JsonRenderer.bytes(JsonRenderer.body(req.body(), vars, history, message)));
    }
    return new HttpRequest(
        HttpMethod.valueOf(req.method()),
        req.path().render(vars),
        headers(vars, req, body != null, true),
        body);
  }

  /** A plain request (session set-up). */
  HttpRequest call(TemplateContext vars, RequestSpec req) {
    Buffer body =
        req.body()
            .map(b -> Buffer.buffer(JsonRenderer.bytes(JsonRenderer.render(b, vars))))
            .orElse(null);
    return new HttpRequest(
        HttpMethod.valueOf(req.method()),
        req.path().render(vars),
        headers(vars, req, body != null, false),
        body);
  }

  String webSocketPath(TemplateContext vars) {
    return scenario.websocket().path().render(vars);
  }

  String webSocketFrame(TemplateContext vars) {
    return webSocketFrame.isPresent()
        ? webSocketFrame.get().render(vars, null, null).toString()
        : JsonRenderer.render(scenario.websocket().message(), vars).toString();
  }

  MultiMap webSocketHeaders(TemplateContext vars) {
    return headers(vars, null, false, false);
  }

  private MultiMap headers(TemplateContext vars, RequestSpec req, boolean json, boolean stream) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (json) {
      h.set("Content-Type", "application/json");
    }
    if (stream) {
      h.set("Accept", "text/event-stream");
    }
    for (Map.Entry<String, Template> e : scenario.headers().entrySet()) {
      h.set(e.getKey(), e.getValue().render(vars));
    }
    if (req != null) {
      for (Map.Entry<String, Template> e : req.headers().entrySet()) {
        h.set(e.getKey(), e.getValue().render(vars));
      }
    }
    return h;
  }
}
