package dev.streamstorm.benchserver.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/realtime}: the OpenAI Realtime WebSocket upgrade (text modality). */
final class RealtimeRoute {

  private final Dispatcher dispatcher;

  RealtimeRoute(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  void upgrade(RoutingContext ctx) {
    String model = ctx.queryParams().get("model");
    String clientId = ctx.request().getHeader(Requests.REQUEST_ID);
    HttpConnection connection = ctx.request().connection();
    ctx.request()
        .toWebSocket()
        .onSuccess(
            ws ->
                new RealtimeConversation(
                        dispatcher, ws, connection, model == null ? "bench" : model, clientId)
                    .start())
        .onFailure(
            e -> {
              ServerState state = dispatcher.state();
              RequestInfo info =
                  Requests.info(
                      ctx,
                      state,
                      Endpoints.REALTIME,
                      0,
                      System.nanoTime(),
                      System.currentTimeMillis());
              Dispatcher.recordEarly(state, info, ErrorKind.BAD_REQUEST);
              HttpReplies.error(
                  ctx.response(),
                  ErrorStyle.OPENAI,
                  ErrorKind.BAD_REQUEST,
                  "expected a WebSocket upgrade: " + e.getMessage(),
                  0);
            });
  }
}
