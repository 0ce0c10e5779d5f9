package dev.streamstorm.engine;

import dev.streamstorm.scenario.HistoryFormat;
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

  /** How the body carries the conversation so far; null when it does not. */
  private final HistoryFormat history;

  /** The message body, compiled; empty when it is rendered as a tree (templated keys). */
  private final Optional<CompiledBody> compiledBody;

  private final Optional<CompiledBody> webSocketFrame;

  MessageRequests(Scenario scenario) {
    this.scenario = scenario;
    this.history = scenario.request().history().orElse(null);
    this.compiledBody =
        scenario.request().body().isPresent() || history != null
            ? CompiledBody.compile(scenario.request().body(), history)
            : Optional.empty();
    this.webSocketFrame =
        scenario.protocol() == Protocol.WEBSOCKET
            ? CompiledBody.compile(Optional.of(scenario.websocket().message()), null)
            : Optional.empty();
  }

  /**
   * True when a message's body carries the conversation so far: the chat presets, unless the
   * scenario writes the history's key itself.
   */
  boolean sendsHistory() {
    return history != null;
  }

  /**
   * The request of one message. With {@code history} (chat presets: given exactly when {@link
   * #sendsHistory}), the body's history key holds the conversation so far plus {@code message}.
   */
  HttpRequest message(TemplateContext vars, History history, String message) {
    RequestSpec req = scenario.request();
    Buffer body = null;
    if (req.body().isPresent() || history != null) {
      body =
          compiledBody.isPresent()
              ? compiledBody.get().render(vars, history, message)
              : Buffer.buffer(
                  JsonRenderer.bytes(
                      JsonRenderer.body(req.body(), vars, this.history, history, message)));
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
