package dev.streamstorm.benchserver.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Whole (non-streamed) JSON answers. */
final class HttpReplies {

  static final String JSON = "application/json";

  private HttpReplies() {}

  static void json(HttpServerResponse response, int status, JsonObject body) {
    if (response.closed() || response.ended()) {
      return;
    }
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.toBuffer());
  }

  /** An error in the given style; {@code retryAfterSeconds > 0} adds a Retry-After header. */
  static void error(
      HttpServerResponse response,
      ErrorStyle style,
      ErrorKind kind,
      String message,
      long retryAfterSeconds) {
    if (response.closed() || response.ended()) {
      return;
    }
    if (retryAfterSeconds > 0) {
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
    json(response, kind.status, style.body(kind, message));
  }
}
