package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.config.Dist;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SessionApiTest {

  private static final Map<String, String> SSE = Map.of("Accept", "text/event-stream");

  private ServerFixture fx;

  @BeforeEach
  void start(Vertx vertx) {
    fx = new ServerFixture(vertx, ServerFixture.fast());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private String createSession() {
    var r = fx.client.post("/api/sessions", "{\"user_id\":\"u-1\"}");
    assertThat(r.status()).isEqualTo(201);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.fieldNames()).containsExactly("session_id", "created_at");
    return body.getString("session_id");
  }

  @Test
  void streamsTokensAndADoneEvent() {
    String id = createSession();

    var r =
        fx.client.post(
            "/api/sessions/" + id + "/messages?tokens=2&ttft_ms=30&itl_ms=5",
            "{\"content\":\"hello\"}",
            SSE);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("text/event-stream");
    List<TestClient.Event> events = r.events();
    assertThat(events.stream().map(TestClient.Event::name))
        .containsExactly("token", "token", "usage", "done");
    assertThat(events.get(0).raw())
        .matches("event: token\ndata: \\{\"type\":\"token\",\"content\":\" [A-Za-z]+\"\\}");
    assertThat(events.get(2).raw())
        .isEqualTo("event: usage\ndata: {\"type\":\"usage\",\"llm_call\":1,\"output_tokens\":2}");
    assertThat(events.get(3).raw())
        .isEqualTo(
            "event: done\ndata: {\"type\":\"done\",\"usage\":{\"llm_calls\":1,\"tool_calls\":0,"
                + "\"tokens\":2},\"phases_ms\":{\"context_load\":0.0,\"llm_call\":35.0,"
                + "\"tool_execution\":0.0}}");
  }

  @Test
  void aLookupMakesAToolCallAndTwoLlmCalls() {
    String id = createSession();

    var r =
        fx.client.post(
            "/api/sessions/" + id + "/messages?tokens=2&ttft_ms=20&itl_ms=5",
            "{\"content\":\"Look up order #12345\"}",
            SSE);

    List<TestClient.Event> events = r.events();
    assertThat(events.stream().map(TestClient.Event::name))
        .containsExactly("tool_call", "usage", "tool_result", "token", "token", "usage", "done");
    JsonObject call = new JsonObject(events.get(0).data());
    assertThat(call.getString("type")).isEqualTo("tool_call");
    assertThat(call.getString("id")).startsWith("call_");
    assertThat(call.getString("name")).isEqualTo("lookup_order");
    assertThat(call.getJsonObject("arguments").getMap()).isEqualTo(Map.of("order_id", "12345"));
    assertThat(new JsonObject(events.get(1).data()).getMap())
        .isEqualTo(Map.of("type", "usage", "llm_call", 1, "output_tokens", 0));
    assertThat(new JsonObject(events.get(5).data()).getMap())
        .isEqualTo(Map.of("type", "usage", "llm_call", 2, "output_tokens", 2));
    JsonObject result = new JsonObject(events.get(2).data());
    assertThat(result.getString("id")).isEqualTo(call.getString("id"));
    assertThat(result.getJsonObject("content").getString("order_id")).isEqualTo("12345");
    JsonObject done = new JsonObject(events.get(6).data());
    assertThat(done.getJsonObject("usage").getMap())
        .isEqualTo(Map.of("llm_calls", 2, "tool_calls", 1, "tokens", 2));
    // ttft 20 + tool 10 + ttft 20 + 1 gap of 5
    assertThat(done.getJsonObject("phases_ms").getMap())
        .isEqualTo(Map.of("context_load", 0.0, "llm_call", 45.0, "tool_execution", 10.0));
    // the tool call is due at ttft (20), its result after the tool delay (30)
    assertThat(r.millisFromSent(events.get(0).arrivalNs())).isGreaterThanOrEqualTo(19);
    assertThat(r.millisFromSent(events.get(2).arrivalNs())).isGreaterThanOrEqualTo(29);
  }

  @Test
  void withoutEventStreamAcceptItAnswersJsonAndKeepsHistory() {
    String id = createSession();

    var r = fx.client.post("/api/sessions/" + id + "/messages?tokens=3", "{\"content\":\"first\"}");
    fx.client.post("/api/sessions/" + id + "/messages?tokens=1", "{\"content\":\"second\"}");

    assertThat(r.header("content-type")).isEqualTo("application/json");
    JsonObject answer = new JsonObject(r.body());
    assertThat(answer.fieldNames()).containsExactly("session_id", "content", "usage", "phases_ms");
    assertThat(answer.getString("session_id")).isEqualTo(id);
    assertThat(answer.getString("content")).matches("( [A-Za-z]+){3}");
    JsonObject session = new JsonObject(fx.client.get("/api/sessions/" + id).body());
    assertThat(session.getString("user_id")).isEqualTo("u-1");
    assertThat(session.getInteger("message_count")).isEqualTo(4);
    var messages = session.getJsonArray("messages");
    assertThat(messages.getJsonObject(0).getString("content")).isEqualTo("first");
    assertThat(messages.getJsonObject(1).getString("role")).isEqualTo("assistant");
    assertThat(messages.getJsonObject(1).getString("content"))
        .isEqualTo(answer.getString("content"));
    assertThat(messages.getJsonObject(2).getString("content")).isEqualTo("second");
  }

  @Test
  void historyCostDelaysTheFirstTokenPerPriorMessage(Vertx vertx) {
    try (var slow =
        new ServerFixture(
            vertx, ServerFixture.fast().withHistoryCost(Dist.parseDuration("25ms")))) {
      String id =
          new JsonObject(slow.client.post("/api/sessions", "").body()).getString("session_id");
      slow.client.post("/api/sessions/" + id + "/messages?tokens=1", "{\"content\":\"a\"}");
      slow.client.post("/api/sessions/" + id + "/messages?tokens=1", "{\"content\":\"b\"}");

      var r = slow.client.post("/api/sessions/" + id + "/messages?tokens=1", "{\"content\":\"c\"}");

      JsonObject phases = new JsonObject(r.body()).getJsonObject("phases_ms");
      assertThat(phases.getDouble("context_load")).isEqualTo(100.0); // 4 prior messages x 25ms
      assertThat(r.millisFromSent(r.headersNs())).isGreaterThanOrEqualTo(119); // + ttft 20
    }
  }

  @Test
  void getOfAnUnknownSessionIs404WithAJsonError() {
    var g = fx.client.send(HttpMethod.GET, "/api/sessions/nope", null, Map.of());

    assertThat(g.status()).isEqualTo(404);
    assertThat(g.body())
        .isEqualTo("{\"error\":{\"type\":\"not_found\",\"message\":\"unknown session nope\"}}");
  }

  @Test
  void aMessageToANewSessionIdCreatesTheSession() {
    var r = fx.client.post("/api/sessions/test/messages?tokens=1", "{\"message\":\"hi\"}");
    var g = fx.client.get("/api/sessions/test");

    assertThat(r.status()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getString("session_id")).isEqualTo("test");
    assertThat(g.status()).isEqualTo(200);
    JsonObject session = new JsonObject(g.body());
    assertThat(session.getInteger("message_count")).isEqualTo(2);
    assertThat(session.getJsonArray("messages").getJsonObject(0).getString("content"))
        .isEqualTo("hi");
  }

  @Test
  void anOverlongSessionIdIs400() {
    var r = fx.client.post("/api/sessions/" + "x".repeat(129) + "/messages", "{\"content\":\"x\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(fx.client.get("/api/sessions/" + "x".repeat(129)).status()).isEqualTo(404);
  }

  @Test
  void missingContentIs400NamingTheField() {
    String id = createSession();

    var r = fx.client.post("/api/sessions/" + id + "/messages", "{\"body\":\"x\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getJsonObject("error").getString("message"))
        .contains("'content'");
  }
}
