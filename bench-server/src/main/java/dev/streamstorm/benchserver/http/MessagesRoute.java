package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Channels;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.PlanRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/messages}, Anthropic Messages-compatible. */
final class MessagesRoute {

  static final String ENDPOINT = "/v1/messages";

  private final Dispatcher dispatcher;

  MessagesRoute(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  void handle(RoutingContext ctx) {
    long acceptedNs = System.nanoTime();
    long epochMs = System.currentTimeMillis();
    ServerState state = dispatcher.state();
    JsonObject body;
    JsonArray messages;
    boolean stream;
    String model;
    PlanRequest request;
    try {
      body = Requests.jsonBody(ctx, true);
      messages = Requests.messages(body);
      int maxTokens = Requests.positiveInt(body, "max_tokens", true);
      stream = Requests.bool(body, "stream");
      model = Requests.string(body, "model", "bench");
      request =
          new PlanRequest(
              messages.size() - 1, maxTokens, null, Requests.overrides(ctx), Channels.ALL);
    } catch (BadRequest e) {
      RequestInfo info = Requests.info(ctx, state, ENDPOINT, 0, acceptedNs, epochMs);
      Dispatcher.recordEarly(state, info, ErrorKind.BAD_REQUEST);
      HttpReplies.error(
          ctx.response(), ErrorStyle.ANTHROPIC, ErrorKind.BAD_REQUEST, e.getMessage(), 0);
      return;
    }
    long seq = state.nextSequence();
    RequestInfo info = Requests.info(ctx, state, ENDPOINT, seq, acceptedNs, epochMs);
    Plan plan = state.plans().plan(state.random(seq), request);
    AnthropicResponse response =
        new AnthropicResponse(
            "msg_bench" + seq,
            model,
            Requests.promptTokens(messages, body.getValue("system")),
            plan);
    Sink sink = stream ? new AnthropicSseSink(ctx, response) : new AnthropicJsonSink(ctx, response);
    dispatcher.dispatch(dispatcher.exchange(info, plan, sink));
  }
}
