package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Overrides;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading and checking what a client sent; failures are {@link BadRequest}s naming the field. */
final class Requests {

  static final String REQUEST_ID = "X-Request-Id";

  private Requests() {}

  /** The request's identity: its X-Request-Id (echoed back) or one assigned from the sequence. */
  static RequestInfo info(
      RoutingContext ctx,
      ServerState state,
      String endpoint,
      long sequence,
      long acceptedNs,
      long epochMs) {
    String id = ctx.request().getHeader(REQUEST_ID);
    if (id == null || id.isBlank()) {
      id = sequence > 0 ? "req-" + sequence : state.nextUnplannedId("req-x");
    }
    ctx.response().putHeader(REQUEST_ID, id);
    return new RequestInfo(id, endpoint, sequence, acceptedNs, epochMs);
  }

  static JsonObject jsonBody(RoutingContext ctx, boolean required) {
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      if (required) {
        throw new BadRequest("request body must be a JSON object");
      }
      return new JsonObject();
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new BadRequest("invalid JSON body: " + firstLine(e.getMessage()));
    }
    if (!(parsed instanceof JsonObject o)) {
      throw new BadRequest("request body must be a JSON object");
    }
    return o;
  }

  static Overrides overrides(RoutingContext ctx) {
    try {
      return Overrides.from(ctx.queryParams()::get);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
  }

  /** The {@code messages} array: present, non-empty, objects with a string role. */
  static JsonArray messages(JsonObject body) {
    if (!(body.getValue("messages") instanceof JsonArray messages) || messages.isEmpty()) {
      throw new BadRequest("missing required field 'messages' (a non-empty array)");
    }
    for (int i = 0; i < messages.size(); i++) {
      if (!(messages.getValue(i) instanceof JsonObject m)
          || !(m.getValue("role") instanceof String)) {
        throw new BadRequest("messages[" + i + "] must be an object with a string 'role'");
      }
    }
    return messages;
  }

  /** A positive integer field, or 0 when absent. */
  static int positiveInt(JsonObject body, String field, boolean required) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        throw new BadRequest("missing required field '" + field + "' (a positive integer)");
      }
      return 0;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      if (n.longValue() >= 1 && n.longValue() <= Integer.MAX_VALUE) {
        return n.intValue();
      }
    }
    throw new BadRequest("field '" + field + "' must be a positive integer, got " + v);
  }

  static boolean bool(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new BadRequest("field '" + field + "' must be a boolean, got " + v);
  }

  static String string(JsonObject body, String field, String fallback) {
    Object v = body.getValue(field);
    if (v == null) {
      return fallback;
    }
    if (v instanceof String s) {
      return s;
    }
    throw new BadRequest("field '" + field + "' must be a string, got " + v);
  }

  /** Prompt size estimate: whitespace-separated words of every text content (and system). */
  static int promptTokens(JsonArray messages, Object system) {
    int words = countWords(system);
    for (int i = 0; i < messages.size(); i++) {
      words += countWords(messages.getJsonObject(i).getValue("content"));
    }
    return words;
  }

  /**
   * Whitespace-separated words of a text, or of the texts in an array of parts or items: a part's
   * {@code text}, an item's {@code content} (a string or parts) or {@code parts}.
   */
  static int countWords(Object content) {
    if (content instanceof String s) {
      String t = s.strip();
      return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
    if (content instanceof JsonArray parts) {
      int n = 0;
      for (Object p : parts) {
        if (p instanceof JsonObject part) {
          n += countWords(part.getValue("text"));
          n += countWords(part.getValue("content"));
          n += countWords(part.getValue("parts"));
        } else if (p instanceof String s) {
          n += countWords(s);
        }
      }
      return n;
    }
    return 0;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
