package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.model.PlanRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /a2a}: an A2A agent's JSON-RPC endpoint, method {@code message/stream} only (the
 * answer only: no reasoning or tool-call channel).
 */
final class A2aRoute {

  static final String METHOD = "message/stream";

  private final Dispatcher dispatcher;

  A2aRoute(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** A request refused with a JSON-RPC error before planning. */
  private static final class RpcError extends RuntimeException {
    final Object id;
    final int code;

    RpcError(Object id, int code, String message) {
      super(message, null, false, false);
      this.id = id;
      this.code = code;
    }
  }

  void handle(RoutingContext ctx) {
    long acceptedNs = System.nanoTime();
    long epochMs = System.currentTimeMillis();
    ServerState state = dispatcher.state();
    Object id;
    JsonObject message;
    PlanRequest request;
    try {
      JsonObject body = envelope(ctx.body().asString());
      id = body.getValue("id");
      message = userMessage(id, body);
      try {
        request = new PlanRequest(0, 0, null, Requests.overrides(ctx));
      } catch (BadRequest e) {
        throw new RpcError(id, JsonRpc.INVALID_PARAMS, e.getMessage());
      }
    } catch (RpcError e) {
      RequestInfo info = Requests.info(ctx, state, Endpoints.A2A, 0, acceptedNs, epochMs);
      Dispatcher.recordEarly(state, info, 200);
      HttpReplies.json(ctx.response(), 200, JsonRpc.error(e.id, e.code, e.getMessage(), null));
      return;
    }
    long seq = state.nextSequence();
    RequestInfo info = Requests.info(ctx, state, Endpoints.A2A, seq, acceptedNs, epochMs);
    Plan plan = state.plans().plan(state.random(seq), request);
    String contextId = message.getValue("contextId") instanceof String c ? c : "ctx-bench" + seq;
    String taskId = message.getValue("taskId") instanceof String t ? t : "task-bench" + seq;
    A2aSseSink sink = new A2aSseSink(ctx, id, taskId, contextId, message, plan);
    dispatcher.dispatch(dispatcher.exchange(info, plan, sink));
  }

  /** The JSON-RPC request object: parsed, version 2.0, an id (string or number), a method. */
  private static JsonObject envelope(String text) {
    Object parsed;
    try {
      parsed = text == null || text.isBlank() ? null : Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new RpcError(null, JsonRpc.PARSE_ERROR, "Parse error: invalid JSON");
    }
    if (!(parsed instanceof JsonObject body)) {
      throw new RpcError(null, JsonRpc.INVALID_REQUEST, "Invalid Request: not a JSON object");
    }
    Object id = body.getValue("id");
    if (!(id instanceof String) && !(id instanceof Number)) {
      throw new RpcError(
          null, JsonRpc.INVALID_REQUEST, "Invalid Request: 'id' must be a string or a number");
    }
    if (!"2.0".equals(body.getValue("jsonrpc"))) {
      throw new RpcError(id, JsonRpc.INVALID_REQUEST, "Invalid Request: 'jsonrpc' must be \"2.0\"");
    }
    if (!(body.getValue("method") instanceof String method)) {
      throw new RpcError(id, JsonRpc.INVALID_REQUEST, "Invalid Request: 'method' must be a string");
    }
    if (!METHOD.equals(method)) {
      throw new RpcError(
          id, JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method + " (only " + METHOD + ")");
    }
    return body;
  }

  /** params.message: an object with a non-empty parts array. */
  private static JsonObject userMessage(Object id, JsonObject body) {
    if (!(body.getValue("params") instanceof JsonObject params)
        || !(params.getValue("message") instanceof JsonObject message)
        || !(message.getValue("parts") instanceof JsonArray parts)
        || parts.isEmpty()) {
      throw new RpcError(
          id,
          JsonRpc.INVALID_PARAMS,
          "Invalid params: 'params.message' must be a message with a non-empty 'parts' array");
    }
    return message;
  }
}
