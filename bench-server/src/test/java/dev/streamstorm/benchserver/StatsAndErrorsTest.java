package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class StatsAndErrorsTest {

  private ServerFixture fx;

  @BeforeEach
  void start(Vertx vertx) {
    fx = new ServerFixture(vertx, ServerFixture.fast());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void statsReportCountersJitterAndRecentRequests() {
    fx.client.post(
        "/v1/chat/completions?tokens=3", TestClient.chatBody(true), Map.of("X-Request-Id", "s-1"));
    fx.client.post("/v1/chat/completions?fault=429", TestClient.chatBody(true));

    JsonObject stats = new JsonObject(fx.client.get("/stats").body());

    assertThat(stats.fieldNames())
        .containsExactly(
            "requests",
            "faults",
            "activeStreams",
            "generating",
            "queueDepth",
            "tokensSent",
            "jitter",
            "recent");
    assertThat(stats.getJsonObject("requests").getJsonObject("/v1/chat/completions").getMap())
        .isEqualTo(Map.of("200", 1, "429", 1));
    assertThat(stats.getInteger("activeStreams")).isZero();
    assertThat(stats.getInteger("queueDepth")).isZero();
    assertThat(stats.getLong("tokensSent")).isEqualTo(3);
    assertThat(stats.getJsonObject("jitter").fieldNames())
        .containsExactly("count", "p50Micros", "p99Micros", "maxMicros");
    JsonArray recent = stats.getJsonArray("recent");
    JsonObject first = recent.getJsonObject(0);
    assertThat(first.fieldNames())
        .containsExactly(
            "id",
            "endpoint",
            "status",
            "outcome",
            "fault",
            "startEpochMs",
            "acceptedNanos",
            "headersNanos",
            "firstTokenNanos",
            "lastTokenNanos",
            "tokens",
            "queueWaitMicros",
            "firstReasoningNanos",
            "firstToolCallNanos",
            "reasoningTokens",
            "toolCalls");
    assertThat(first.getString("id")).isEqualTo("s-1");
    assertThat(first.getString("endpoint")).isEqualTo("/v1/chat/completions");
    assertThat(first.getLong("startEpochMs")).isGreaterThan(1_600_000_000_000L);

    JsonObject one = new JsonObject(fx.client.get("/stats?request_id=s-1").body());
    assertThat(one.getJsonArray("recent")).hasSize(1);
  }

  @Test
  void resetClearsCounters() {
    fx.client.post("/v1/chat/completions?tokens=1", TestClient.chatBody(true));

    var reset = fx.client.send(HttpMethod.POST, "/stats/reset", null, Map.of());
    JsonObject stats = new JsonObject(fx.client.get("/stats").body());

    assertThat(reset.status()).isEqualTo(204);
    assertThat(stats.getJsonObject("requests")).isEmpty();
    assertThat(stats.getLong("tokensSent")).isZero();
    assertThat(stats.getJsonArray("recent")).isEmpty();
    assertThat(stats.getJsonObject("jitter").getLong("count")).isZero();
  }

  @Test
  void unknownPathIs404Json() {
    var r = fx.client.get("/v2/nothing");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo(
            "{\"error\":{\"type\":\"not_found\",\"message\":\"no route for GET /v2/nothing\"}}");
  }

  @Test
  void invalidJsonIs400() {
    var r = fx.client.post("/v1/chat/completions", "{\"messages\": [");

    assertThat(r.status()).isEqualTo(400);
    JsonObject error = new JsonObject(r.body()).getJsonObject("error");
    assertThat(error.getString("type")).isEqualTo("invalid_request_error");
    assertThat(error.getString("message")).startsWith("invalid JSON body");
  }

  @Test
  void missingMessagesIs400NamingTheField() {
    var r = fx.client.post("/v1/chat/completions", "{\"model\":\"x\",\"stream\":true}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getJsonObject("error").getString("message"))
        .contains("'messages'");
  }

  @Test
  void badOverrideIs400NamingTheParameter() {
    var r = fx.client.post("/v1/chat/completions?ttft_ms=soon", TestClient.chatBody(true));
    var f = fx.client.post("/v1/chat/completions?fault=explode", TestClient.chatBody(true));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("ttft_ms");
    assertThat(f.status()).isEqualTo(400);
    assertThat(f.body()).contains("fault: expected one of");
  }

  @Test
  void badRequestsAreCountedInStats() {
    fx.client.post("/v1/chat/completions", "nope");

    assertThat(fx.server.stats().requests().get("/v1/chat/completions")).containsEntry("400", 1L);
  }
}
