package dev.streamstorm.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a coordinator sends an agent to prepare its share of a test. The scenario travels as text
 * with the command-line overrides, and the agent loads it as the coordinator did (its own
 * environment supplies {@code ${env:...}}); the agent's rows of the data file travel with it, since
 * agents need not share a file system.
 *
 * @param testId names the test (and its event-bus address)
 * @param coordinatorNode the coordinator's cluster node id, to notice it leaving
 * @param coordinatorHost the coordinator's address, for messages
 * @param version the coordinator's streamstorm version; an agent of another version refuses
 * @param index this agent's 0-based place among the agents
 * @param agents how many agents share the test
 * @param fileName the scenario file's name on the coordinator; null for a flag-only test
 * @param text the scenario file's text; null for a flag-only test
 * @param overrides the command-line overrides, target aimed at the embedded server when there is
 *     one
 * @param rows this agent's rows of the data file; null without one
 * @param intervalMs snapshot interval
 * @param forwardMessages true when the coordinator writes per-message outputs (CSV) and wants every
 *     finished message
 * @param startWithinMs how long the agent, once ready, waits for the start (the coordinator may
 *     still be waiting for other agents); past it, the agent gives up and takes other work
 */
record TestPlan(
    String testId,
    String coordinatorNode,
    String coordinatorHost,
    String version,
    int index,
    int agents,
    String fileName,
    String text,
    JsonObject overrides,
    List<Map<String, String>> rows,
    long intervalMs,
    boolean forwardMessages,
    long startWithinMs) {

  JsonObject toJson() {
    JsonObject j =
        new JsonObject()
            .put("type", Wire.PREPARE)
            .put("test", testId)
            .put("coordinator", coordinatorNode)
            .put("coordinatorHost", coordinatorHost)
            .put("version", version)
            .put("index", index)
            .put("agents", agents)
            .put("fileName", fileName)
            .put("text", text)
            .put("overrides", overrides)
            .put("intervalMs", intervalMs)
            .put("forwardMessages", forwardMessages)
            .put("startWithinMs", startWithinMs);
    if (rows != null) {
      JsonArray a = new JsonArray();
      for (Map<String, String> row : rows) {
        JsonObject r = new JsonObject();
        row.forEach(r::put);
        a.add(r);
      }
      j.put("rows", a);
    }
    return j;
  }

  static TestPlan fromJson(JsonObject j) {
    List<Map<String, String>> rows = null;
    JsonArray a = j.getJsonArray("rows");
    if (a != null) {
      rows = new ArrayList<>(a.size());
      for (Object o : a) {
        Map<String, String> row = new LinkedHashMap<>();
        ((JsonObject) o).forEach(e -> row.put(e.getKey(), String.valueOf(e.getValue())));
        rows.add(row);
      }
    }
    return new TestPlan(
        j.getString("test"),
        j.getString("coordinator"),
        j.getString("coordinatorHost"),
        j.getString("version"),
        j.getInteger("index"),
        j.getInteger("agents"),
        j.getString("fileName"),
        j.getString("text"),
        j.getJsonObject("overrides"),
        rows,
        j.getLong("intervalMs"),
        j.getBoolean("forwardMessages", false),
        j.getLong("startWithinMs", 60_000L));
  }
}
