package dev.streamstorm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamstorm.protocol.HttpStreamClient;
import dev.streamstorm.scenario.SessionSpec;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.Map;

/** A user's once-only session call and the variables it extracts from the answer. */
final class SessionSetUp {
  private SessionSetUp() {}

  /**
   * Makes the call on the user's connection and stores the extracted variables; completes with null
   * on success, else with what went wrong (the call never fails the future).
   */
  static Future<String> run(
      SessionSpec session, MessageRequests requests, HttpStreamClient http, UserVariables vars) {
    MessageRequests.HttpRequest req = requests.call(vars, session.request());
    return http.call(req.method(), req.path(), req.headers(), req.body())
        .map(resp -> extract(resp, session, vars))
        .otherwise(err -> "session set-up failed: " + err.getMessage());
  }

  private static String extract(
      HttpStreamClient.Response resp, SessionSpec session, UserVariables vars) {
    if (resp.status() / 100 != 2) {
      return "session set-up: HTTP " + resp.status();
    }
    JsonNode json;
    try {
      json = JsonRenderer.MAPPER.readTree(resp.body().getBytes());
    } catch (IOException e) {
      return "session set-up: the response is not JSON";
    }
    for (Map.Entry<String, String> e : session.extract().entrySet()) {
      JsonNode v = json.at(e.getValue());
      if (v.isMissingNode() || v.isNull()) {
        return "session set-up: no value at " + e.getValue() + " in the response";
      }
      vars.session(e.getKey(), v.isTextual() ? v.textValue() : v.toString());
    }
    return null;
  }
}
