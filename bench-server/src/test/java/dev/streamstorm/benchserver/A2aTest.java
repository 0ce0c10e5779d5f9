package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.stats.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /a2a}: A2A message/stream over JSON-RPC 2.0 and SSE. */
@ExtendWith(VertxExtension.class)
class A2aTest {

  private ServerFixture fx;

  @BeforeEach
  void start(Vertx vertx) {
    fx = new ServerFixture(vertx, ServerFixture.fast());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static String request(String id, String method) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\",\"params\":{\"message\":{\"role\":\"user\",\"parts\":[{\"kind\":\"text\","
        + "\"text\":\"hello agent\"}],\"messageId\":\"m-1\",\"kind\":\"message\"}}}";
  }

  private static JsonObject result(TestClient.Event e) {
    return new JsonObject(e.data()).getJsonObject("result");
  }

  @Test
  void taskWorkingArtifactChunksAndAFinalCompletedStatus() {
    var r = fx.client.post("/a2a?tokens=3", request("42", "message/stream"));

    assertThat(r.status()).isEqualTo(200);
    List<TestClient.Event> ev = r.events();
    assertThat(ev).hasSize(6);
    for (TestClient.Event e : ev) {
      assertThat(e.raw()).startsWith("data: {\"jsonrpc\":\"2.0\",\"id\":42,\"result\":{");
    }
    JsonObject task = result(ev.get(0));
    assertThat(task.getString("kind")).isEqualTo("task");
    assertThat(task.getString("id")).isEqualTo("task-bench1");
    assertThat(task.getJsonObject("status").getString("state")).isEqualTo("submitted");
    JsonObject working = result(ev.get(1));
    assertThat(working.getString("kind")).isEqualTo("status-update");
    assertThat(working.getJsonObject("status").getString("state")).isEqualTo("working");
    assertThat(working.getBoolean("final")).isFalse();
    assertThat(ev.get(2).raw())
        .matches(
            "data: \\{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":\\{\"taskId\":\"task-bench1\","
                + "\"contextId\":\"ctx-bench1\",\"kind\":\"artifact-update\",\"artifact\":\\{"
                + "\"artifactId\":\"artifact-task-bench1\",\"name\":\"answer\",\"parts\":\\[\\{"
                + "\"kind\":\"text\",\"text\":\" [A-Za-z]+\"\\}\\]\\},\"append\":false,"
                + "\"lastChunk\":false\\}\\}");
    assertThat(result(ev.get(3)).getBoolean("append")).isTrue();
    assertThat(result(ev.get(3)).getBoolean("lastChunk")).isFalse();
    assertThat(result(ev.get(4)).getBoolean("append")).isTrue();
    assertThat(result(ev.get(4)).getBoolean("lastChunk")).isTrue();
    JsonObject done = result(ev.get(5));
    assertThat(done.getJsonObject("status").getString("state")).isEqualTo("completed");
    assertThat(done.getBoolean("final")).isTrue();
    RequestRecord rec = fx.server.stats().recent().get(0);
    assertThat(rec.endpoint()).isEqualTo("/a2a");
    assertThat(rec.tokens()).isEqualTo(3);
  }

  @Test
  void aStringIdComesBackAsAString() {
    var r = fx.client.post("/a2a?tokens=1", request("\"req-abc\"", "message/stream"));

    assertThat(r.events().get(0).raw())
        .startsWith("data: {\"jsonrpc\":\"2.0\",\"id\":\"req-abc\",");
  }

  @Test
  void jsonRpcErrors() {
    var parse = fx.client.post("/a2a", "{not json");
    var noVersion = fx.client.post("/a2a", "{\"id\":1,\"method\":\"message/stream\"}");
    var unknown = fx.client.post("/a2a", request("3", "tasks/get"));
    var noParams =
        fx.client.post("/a2a", "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"message/stream\"}");
    var limited = fx.client.post("/a2a?fault=429", request("5", "message/stream"));

    assertThat(parse.status()).isEqualTo(200);
    assertThat(parse.body())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
                + "\"message\":\"Parse error: invalid JSON\"}}");
    assertThat(new JsonObject(noVersion.body()).getJsonObject("error").getInteger("code"))
        .isEqualTo(-32600);
    assertThat(new JsonObject(noVersion.body()).getInteger("id")).isEqualTo(1);
    assertThat(new JsonObject(unknown.body()).getJsonObject("error").getInteger("code"))
        .isEqualTo(-32601);
    assertThat(new JsonObject(noParams.body()).getJsonObject("error").getInteger("code"))
        .isEqualTo(-32602);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("1");
    assertThat(limited.body())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32029,\"message\":\"rate limit"
                + " exceeded: retry after 1 second\",\"data\":{\"retry_after\":1}}}");
  }

  @Test
  void theFailedFaultEndsWithAFinalFailedStatus() {
    var r = fx.client.post("/a2a?tokens=4&fault=failed", request("6", "message/stream"));

    List<TestClient.Event> ev = r.events();
    JsonObject last = result(ev.get(ev.size() - 1));
    assertThat(last.getJsonObject("status").getString("state")).isEqualTo("failed");
    assertThat(last.getBoolean("final")).isTrue();
  }
}
