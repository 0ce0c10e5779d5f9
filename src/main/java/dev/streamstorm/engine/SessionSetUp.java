package dev.streamstorm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.ClientFailures;
import dev.streamstorm.protocol.HttpMessageClient;
import dev.streamstorm.protocol.HttpStreamClient;
import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.scenario.Location;
import dev.streamstorm.scenario.SessionSpec;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user's once-only session calls, in order, and the variables each extracts from its answer: a
 * JSON body, an SSE body (the first event whose JSON has the value: MCP's Streamable HTTP answers a
 * POST this way) or a response header (MCP's {@code Mcp-Session-Id}).
 */
final class SessionSetUp {
  private SessionSetUp() {}

  /** Why a session set-up failed: the class it counts under, and what happened. */
  record Failure(ErrorClass errorClass, String message) {}

  /**
   * Makes the calls on the user's connection and stores the extracted variables; completes with
   * null on success, else with what went wrong (the future never fails).
   */
  static Future<Failure> run(
      SessionSpec session, MessageRequests requests, HttpMessageClient http, UserVariables vars) {
    return step(session.steps(), 0, requests, http, vars);
  }

  private static Future<Failure> step(
      List<SessionSpec.Step> steps,
      int i,
      MessageRequests requests,
      HttpMessageClient http,
      UserVariables vars) {
    if (i == steps.size()) {
      return Future.succeededFuture(null);
    }
    SessionSpec.Step step = steps.get(i);
    String name = steps.size() == 1 ? "session set-up" : "session set-up step " + (i + 1);
    MessageRequests.HttpRequest req = requests.call(vars, step.request());
    return http.call(req.method(), req.path(), req.headers(), req.body())
        .map(resp -> extract(name, resp, step.extract(), vars))
        .otherwise(
            err ->
                new Failure(
                    err instanceof ClientFailures.ConnectFailure
                        ? ErrorClass.CONNECT
                        : err instanceof ClientFailures.BodyTooLarge
                            ? ErrorClass.TOO_LARGE
                            : ErrorClass.STREAM_BROKEN,
                    name + " failed: " + err.getMessage()))
        .compose(
            error ->
                error != null
                    ? Future.succeededFuture(error)
                    : step(steps, i + 1, requests, http, vars));
  }

  private static Failure extract(
      String name,
      HttpStreamClient.Response resp,
      Map<String, Location> extract,
      UserVariables vars) {
    if (resp.status() / 100 != 2) {
      ErrorClass c = ErrorClass.forStatus(resp.status());
      return new Failure(
          c == null ? ErrorClass.PROTOCOL : c, name + ": HTTP " + resp.status() + excerpt(resp));
    }
    List<JsonNode> documents = null;
    for (Map.Entry<String, Location> e : extract.entrySet()) {
      String value;
      if (e.getValue() instanceof Location.Header h) {
        value = resp.header(h.name());
        if (value == null) {
          return new Failure(
              ErrorClass.PROTOCOL, name + ": no " + h.name() + " header in the response");
        }
      } else {
        if (documents == null) {
          documents = documents(resp);
          if (documents.isEmpty()) {
            return new Failure(
                ErrorClass.PROTOCOL,
                name + ": the response is neither JSON nor an event stream of JSON events");
          }
        }
        String pointer = ((Location.Json) e.getValue()).pointer();
        value = find(documents, pointer);
        if (value == null) {
          return new Failure(
              ErrorClass.PROTOCOL, name + ": no value at " + pointer + " in the response");
        }
      }
      vars.session(e.getKey(), value);
    }
    return null;
  }

  /** The first value at {@code pointer} among the documents, as text; null when none has one. */
  private static String find(List<JsonNode> documents, String pointer) {
    for (JsonNode doc : documents) {
      JsonNode v = doc.at(pointer);
      if (!v.isMissingNode() && !v.isNull()) {
        return v.isTextual() ? v.textValue() : v.toString();
      }
    }
    return null;
  }

  /** The JSON body, or the JSON data of each event of an SSE body; empty when there is none. */
  private static List<JsonNode> documents(HttpStreamClient.Response resp) {
    byte[] body = resp.body().getBytes();
    String type = resp.header("Content-Type");
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
      List<JsonNode> events = new ArrayList<>();
      SseDecoder decoder =
          new SseDecoder(
              event -> {
                JsonNode doc = parse(event.dataAsString());
                if (doc != null) {
                  events.add(doc);
                }
              });
      decoder.feed(body, 0, body.length);
      decoder.end();
      return events;
    }
    JsonNode doc = parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    return doc == null ? List.of() : List.of(doc);
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode doc = JsonRenderer.MAPPER.readTree(text);
      return doc == null || doc.isMissingNode() ? null : doc;
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String excerpt(HttpStreamClient.Response resp) {
    String body = resp.body().toString().strip().replaceAll("\\s+", " ");
    if (body.isEmpty()) {
      return "";
    }
    return ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
  }
}
