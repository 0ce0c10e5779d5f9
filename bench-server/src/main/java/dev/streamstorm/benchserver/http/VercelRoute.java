package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Channels;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.PlanRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/chat}: a Vercel AI SDK 5 chat route ({@code useChat}'s default transport). Body
 * {@code {"messages":[{"id":..,"role":"user","parts":[{"type":"text","text":..}]}]}}.
 */
final class VercelRoute {

  private final Dispatcher dispatcher;

  VercelRoute(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  void handle(RoutingContext ctx) {
    long acceptedNs = System.nanoTime();
    long epochMs = System.currentTimeMillis();
    ServerState state = dispatcher.state();
    PlanRequest request;
    try {
      JsonObject body = Requests.jsonBody(ctx, true);
      JsonArray messages = Requests.messages(body);
      request =
          new PlanRequest(messages.size() - 1, 0, null, Requests.overrides(ctx), Channels.ALL);
    } catch (BadRequest e) {
      RequestInfo info = Requests.info(ctx, state, Endpoints.VERCEL, 0, acceptedNs, epochMs);
      Dispatcher.recordEarly(state, info, ErrorKind.BAD_REQUEST);
      HttpReplies.error(ctx.response(), ErrorStyle.PLAIN, ErrorKind.BAD_REQUEST, e.getMessage(), 0);
      return;
    }
    long seq = state.nextSequence();
    RequestInfo info = Requests.info(ctx, state, Endpoints.VERCEL, seq, acceptedNs, epochMs);
    Plan plan = state.plans().plan(state.random(seq), request);
    dispatcher.dispatch(dispatcher.exchange(info, plan, new VercelSseSink(ctx, seq, plan)));
  }
}
