package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.PlanRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/text}: plain-text SSE. Any body is accepted (a JSON object's {@code prompt} and
 * {@code max_tokens} are read when present); the answer only, no reasoning or tool calls.
 */
final class TextRoute {

  private final Dispatcher dispatcher;

  TextRoute(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  void handle(RoutingContext ctx) {
    long acceptedNs = System.nanoTime();
    long epochMs = System.currentTimeMillis();
    ServerState state = dispatcher.state();
    PlanRequest request;
    try {
      int maxTokens = 0;
      if (parsed(ctx.body().asString()) instanceof JsonObject body) {
        Requests.string(body, "prompt", null);
        maxTokens = Requests.positiveInt(body, "max_tokens", false);
      }
      request = new PlanRequest(0, maxTokens, null, Requests.overrides(ctx));
    } catch (BadRequest e) {
      RequestInfo info = Requests.info(ctx, state, Endpoints.TEXT, 0, acceptedNs, epochMs);
      Dispatcher.recordEarly(state, info, ErrorKind.BAD_REQUEST);
      HttpReplies.error(ctx.response(), ErrorStyle.PLAIN, ErrorKind.BAD_REQUEST, e.getMessage(), 0);
      return;
    }
    long seq = state.nextSequence();
    RequestInfo info = Requests.info(ctx, state, Endpoints.TEXT, seq, acceptedNs, epochMs);
    Plan plan = state.plans().plan(state.random(seq), request);
    dispatcher.dispatch(dispatcher.exchange(info, plan, new TextSseSink(ctx)));
  }

  /** The body as JSON when it is JSON, else null (any body is fine). */
  private static Object parsed(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Json.decodeValue(text);
    } catch (DecodeException e) {
      return null;
    }
  }
}
