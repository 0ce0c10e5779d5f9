package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.admission.RateLimiter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The request-rate limit as a gateway in front of the app applies it: before routing, so every
 * request counts (unknown paths, bad bodies, unknown sessions) and a 429 comes before any 404 or
 * 400. bench-server's own control routes ({@code /stats}) are not behind it.
 *
 * <p>The 429 body is one shape for every route, as a gateway knows no API family: a top-level
 * {@code message} (what API gateways such as Kong answer) and an OpenAI-style {@code error} object
 * (what OpenAI SDKs read), with {@code Retry-After}.
 */
final class Gateway {

  private final ServerState state;

  Gateway(ServerState state) {
    this.state = state;
  }

  void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path.equals(StatsRoute.PATH) || path.equals(StatsRoute.RESET_PATH)) {
      ctx.next();
      return;
    }
    long acceptedNs = System.nanoTime();
    long waitNs = state.rateLimiter().tryAdmitRequest(acceptedNs);
    if (waitNs <= 0) {
      ctx.next();
      return;
    }
    long seconds = RateLimiter.retryAfterSeconds(waitNs);
    RequestInfo info =
        Requests.info(
            ctx, state, Endpoints.templateOf(path), 0, acceptedNs, System.currentTimeMillis());
    Dispatcher.recordEarly(state, info, ErrorKind.RATE_LIMITED);
    String message = Dispatcher.retryMessage(seconds);
    JsonObject body =
        ErrorStyle.OPENAI.body(ErrorKind.RATE_LIMITED, message).put("message", message);
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    HttpReplies.json(ctx.response(), ErrorKind.RATE_LIMITED.status, gatewayOrder(body));
  }

  /** {"message":..,"error":{..}}: the message first, as gateways write it. */
  private static JsonObject gatewayOrder(JsonObject body) {
    return new JsonObject()
        .put("message", body.getString("message"))
        .put("error", body.getJsonObject("error"));
  }
}
