package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Channels;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.PlanRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/responses}, the OpenAI Responses API, streaming only. */
final class ResponsesRoute {

  private final Dispatcher dispatcher;

  ResponsesRoute(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  void handle(RoutingContext ctx) {
    long acceptedNs = System.nanoTime();
    long epochMs = System.currentTimeMillis();
    ServerState state = dispatcher.state();
    String model;
    int inputTokens;
    PlanRequest request;
    try {
      JsonObject body = Requests.jsonBody(ctx, true);
      Object input = body.getValue("input");
      if (!(input instanceof String) && !(input instanceof JsonArray)) {
        throw new BadRequest("missing required field 'input' (a string or an array of items)");
      }
      if (!Requests.bool(body, "stream")) {
        throw new BadRequest("bench-server's /v1/responses streams only: set \"stream\": true");
      }
      model = Requests.string(body, "model", "bench");
      inputTokens = Requests.countWords(input) + Requests.countWords(body.getValue("instructions"));
      int maxTokens = Requests.positiveInt(body, "max_output_tokens", false);
      int prior = input instanceof JsonArray items ? Math.max(0, items.size() - 1) : 0;
      request = new PlanRequest(prior, maxTokens, null, Requests.overrides(ctx), Channels.ALL);
    } catch (BadRequest e) {
      RequestInfo info = Requests.info(ctx, state, Endpoints.RESPONSES, 0, acceptedNs, epochMs);
      Dispatcher.recordEarly(state, info, ErrorKind.BAD_REQUEST);
      HttpReplies.error(
          ctx.response(), ErrorStyle.OPENAI, ErrorKind.BAD_REQUEST, e.getMessage(), 0);
      return;
    }
    long seq = state.nextSequence();
    RequestInfo info = Requests.info(ctx, state, Endpoints.RESPONSES, seq, acceptedNs, epochMs);
    Plan plan = state.plans().plan(state.random(seq), request);
    ResponsesObjects objects =
        new ResponsesObjects("resp_bench" + seq, epochMs / 1000, model, inputTokens, plan);
    dispatcher.dispatch(dispatcher.exchange(info, plan, new ResponsesSseSink(ctx, objects)));
  }
}
