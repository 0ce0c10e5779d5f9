package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Channels;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.PlanRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1beta/models/{model}:streamGenerateContent?alt=sse}, Gemini's streaming API. */
final class GeminiRoute {

  /** The route's path: group 1 is the model. */
  static final String PATH_REGEX = "/v1beta/models/([^/:]+):streamGenerateContent";

  private final Dispatcher dispatcher;

  GeminiRoute(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  void handle(RoutingContext ctx) {
    long acceptedNs = System.nanoTime();
    long epochMs = System.currentTimeMillis();
    ServerState state = dispatcher.state();
    String model = ctx.pathParam("param0");
    int promptTokens;
    PlanRequest request;
    try {
      if (!"sse".equals(ctx.queryParams().get("alt"))) {
        throw new BadRequest(
            "bench-server streams Gemini as Server-Sent Events only: add ?alt=sse");
      }
      JsonObject body = Requests.jsonBody(ctx, true);
      if (!(body.getValue("contents") instanceof JsonArray contents) || contents.isEmpty()) {
        throw new BadRequest("missing required field 'contents' (a non-empty array)");
      }
      promptTokens =
          Requests.countWords(contents)
              + Requests.countWords(
                  body.getValue("systemInstruction") instanceof JsonObject si
                      ? si.getValue("parts")
                      : null);
      int maxTokens =
          body.getValue("generationConfig") instanceof JsonObject gc
              ? Requests.positiveInt(gc, "maxOutputTokens", false)
              : 0;
      request =
          new PlanRequest(
              contents.size() - 1, maxTokens, null, Requests.overrides(ctx), Channels.ALL);
    } catch (BadRequest e) {
      RequestInfo info = Requests.info(ctx, state, Endpoints.GEMINI, 0, acceptedNs, epochMs);
      Dispatcher.recordEarly(state, info, ErrorKind.BAD_REQUEST);
      HttpReplies.error(
          ctx.response(), ErrorStyle.GOOGLE, ErrorKind.BAD_REQUEST, e.getMessage(), 0);
      return;
    }
    long seq = state.nextSequence();
    RequestInfo info = Requests.info(ctx, state, Endpoints.GEMINI, seq, acceptedNs, epochMs);
    Plan plan = state.plans().plan(state.random(seq), request);
    GeminiSseSink sink = new GeminiSseSink(ctx, model, "bench-" + seq, promptTokens, plan);
    dispatcher.dispatch(dispatcher.exchange(info, plan, sink));
  }
}
