package dev.streamstorm.benchserver.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * JSON-RPC 2.0 envelopes and errors (A2A). Protocol errors (parse, invalid request, unknown method,
 * invalid params) answer HTTP 200 with the error object, as JSON-RPC over HTTP does; refusals of
 * the server itself keep their HTTP status (429 with Retry-After, 500, 503) so that a client sees
 * them as such, with a JSON-RPC error body.
 */
final class JsonRpc {

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int INTERNAL_ERROR = -32603;

  /** Implementation-defined server errors (JSON-RPC reserves -32000 to -32099). */
  static final int RATE_LIMITED = -32029;

  static final int OVERLOADED = -32050;

  private JsonRpc() {}

  static JsonObject result(Object id, JsonObject result) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result);
  }

  static JsonObject error(Object id, int code, String message, JsonObject data) {
    JsonObject error = new JsonObject().put("code", code).put("message", message);
    if (data != null) {
      error.put("data", data);
    }
    return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("error", error);
  }

  /** A JSON-RPC error for one of bench-server's refusals, with its HTTP status. */
  static void reject(
      HttpServerResponse response,
      Object id,
      ErrorKind kind,
      String message,
      long retryAfterSeconds) {
    if (response.closed() || response.ended()) {
      return;
    }
    int code =
        switch (kind) {
          case RATE_LIMITED -> RATE_LIMITED;
          case OVERLOADED -> OVERLOADED;
          case BAD_REQUEST -> INVALID_PARAMS;
          default -> INTERNAL_ERROR;
        };
    JsonObject data = null;
    if (retryAfterSeconds > 0) {
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
      data = new JsonObject().put("retry_after", retryAfterSeconds);
    }
    int status = kind == ErrorKind.BAD_REQUEST ? 200 : kind.status;
    HttpReplies.json(response, status, error(id, code, message, data));
  }
}
