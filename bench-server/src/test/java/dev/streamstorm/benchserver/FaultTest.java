package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.benchserver.stats.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every fault, forced with {@code ?fault=} so each test is deterministic. */
@ExtendWith(VertxExtension.class)
class FaultTest {

  private static final String TOKEN = "\"delta\":{\"content\":\" ";
  private static final String CHAT = "/v1/chat/completions?ttft_ms=50&itl_ms=10&tokens=5&fault=";

  private ServerFixture fx;

  @BeforeEach
  void start(Vertx vertx) {
    fx =
        new ServerFixture(
            vertx,
            BenchServerConfig.fromMap(
                Map.of("stallDuration", "300ms", "slowHeadersDelay", "200ms", "seed", 3)));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private RequestRecord record(String id) {
    return fx.server.stats().recent().stream().filter(r -> r.id().equals(id)).findFirst().get();
  }

  @Test
  void fault500AnswersAnErrorBeforeStreaming() {
    var r = fx.client.post(CHAT + "500", TestClient.chatBody(true));

    assertThat(r.status()).isEqualTo(500);
    assertThat(r.header("content-type")).isEqualTo("application/json");
    JsonObject error = new JsonObject(r.body()).getJsonObject("error");
    assertThat(error.getString("type")).isEqualTo("server_error");
    assertThat(error.getString("message")).contains("injected fault");
  }

  @Test
  void dropClosesTheConnectionMidStreamWithoutTheDoneMarker() {
    var r = fx.client.post(CHAT + "drop", TestClient.chatBody(true), Map.of("X-Request-Id", "d"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.completed()).isFalse();
    assertThat(r.body()).doesNotContain("[DONE]").doesNotContain("finish_reason\":\"stop");
    assertThat(r.tokenEvents(TOKEN).size()).isBetween(1, 4);
    RequestRecord rec = record("d");
    assertThat(rec.outcome()).isEqualTo("dropped");
    assertThat(rec.fault()).isEqualTo("drop");
    assertThat(rec.tokens()).isEqualTo(r.tokenEvents(TOKEN).size());
  }

  @Test
  void stallPausesTokensThenResumesWithLaterTokensShifted() {
    var r = fx.client.post(CHAT + "stall", TestClient.chatBody(true));

    List<TestClient.Event> tokens = r.tokenEvents(TOKEN);
    assertThat(tokens).hasSize(5);
    long maxGapNs = 0;
    for (int i = 1; i < tokens.size(); i++) {
      maxGapNs = Math.max(maxGapNs, tokens.get(i).arrivalNs() - tokens.get(i - 1).arrivalNs());
    }
    // Lower bounds are exact (a timer never fires early); the upper ones catch a stall applied
    // twice (600 ms) while leaving room for this shared machine's stalls (up to 263 ms late seen
    // under a parallel build, where the old 40 ms margins failed).
    assertThat(maxGapNs / 1e6).isBetween(295.0, 550.0);
    // 50 + 4 x 10 + 300
    assertThat(r.millisFromSent(tokens.get(4).arrivalNs())).isBetween(388.0, 650.0);
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void malformedSendsOneInvalidEventAndTheStreamContinues() {
    var r = fx.client.post(CHAT + "malformed", TestClient.chatBody(true));

    assertThat(r.body()).contains("\n\ndata: {\"choices\":[{\"delta\":\n\n");
    assertThat(r.tokenEvents(TOKEN)).hasSize(5);
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    long invalid =
        r.events().stream()
            .filter(e -> !e.data().equals("[DONE]"))
            .filter(
                e -> {
                  try {
                    new JsonObject(e.data());
                    return false;
                  } catch (RuntimeException notJson) {
                    return true;
                  }
                })
            .count();
    assertThat(invalid).isEqualTo(1);
  }

  @Test
  void malformedOnTheSessionApiIsACutTokenEvent() {
    String id = new JsonObject(fx.client.post("/api/sessions", "").body()).getString("session_id");

    var r =
        fx.client.post(
            "/api/sessions/" + id + "/messages?tokens=2&ttft_ms=5&fault=malformed",
            "{\"content\":\"x\"}",
            Map.of("Accept", "text/event-stream"));

    assertThat(r.body()).contains("event: token\ndata: {\"type\":\"token\",\"content\":\n\n");
    assertThat(r.body()).contains("event: done\n");
  }

  @Test
  void slowHeadersDelaysTheHeadersThenTheModelStarts() {
    var r = fx.client.post(CHAT + "slow_headers", TestClient.chatBody(true));

    // As above: exact below, room above for the machine, short of a doubled delay (400 ms).
    assertThat(r.millisFromSent(r.headersNs())).isBetween(195.0, 380.0);
    assertThat(r.millisFromSent(r.tokenEvents(TOKEN).get(0).arrivalNs())).isGreaterThan(245.0);
  }

  @Test
  void forced429CarriesRetryAfter() {
    var r = fx.client.post(CHAT + "429", TestClient.chatBody(true));

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("Retry-After")).isEqualTo("1");
  }

  @Test
  void configuredProbabilitiesApplyAndAreCounted(Vertx vertx) {
    try (ServerFixture always500 =
        new ServerFixture(vertx, BenchServerConfig.fromMap(Map.of("fault500", 1.0)))) {
      for (int i = 0; i < 3; i++) {
        assertThat(
                always500
                    .client
                    .post(
                        "/v1/messages",
                        "{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                    .status())
            .isEqualTo(500);
      }
      assertThat(always500.server.stats().faults()).containsEntry("500", 3L);
      assertThat(always500.server.stats().requests().get("/v1/messages")).containsEntry("500", 3L);
    }
  }
}
