package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The request-rate limit applies before routing, in one shape, to every route but /stats. */
@ExtendWith(VertxExtension.class)
class GatewayTest {

  private static final String LIMITED =
      "{\"message\":\"rate limit exceeded: retry after 1 second\",\"error\":{\"message\":"
          + "\"rate limit exceeded: retry after 1 second\",\"type\":\"rate_limit_error\","
          + "\"code\":\"rate_limit_exceeded\"}}";

  @Test
  void the429ComesBeforeAny404Or400AndStatsStayOutsideTheLimit(Vertx vertx) {
    BenchServerConfig config = ServerFixture.fast().withRateLimitRps(1);
    try (ServerFixture fx = new ServerFixture(vertx, config)) {
      TestClient.Result first = fx.client.get("/no/such/path");
      TestClient.Result unknownPath = fx.client.get("/no/such/path");
      TestClient.Result badBody = fx.client.post("/v1/chat/completions", "{");
      TestClient.Result anthropic =
          fx.client.post(
              "/v1/messages",
              "{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

      assertThat(first.status()).isEqualTo(404);
      for (TestClient.Result r : new TestClient.Result[] {unknownPath, badBody, anthropic}) {
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(r.body()).isEqualTo(LIMITED);
      }
      for (int i = 0; i < 5; i++) {
        assertThat(fx.client.get("/stats").status()).isEqualTo(200);
      }
      JsonObject requests =
          new JsonObject(fx.client.get("/stats").body()).getJsonObject("requests");
      assertThat(requests.getJsonObject("(no route)").getMap()).containsEntry("429", 1);
      assertThat(requests.getJsonObject("/v1/chat/completions").getMap()).containsEntry("429", 1);
      assertThat(requests.getJsonObject("/v1/messages").getMap()).containsEntry("429", 1);
    }
  }

  @Test
  void theTokenRateLimitAndTheForced429KeepTheEndpointsOwnShape(Vertx vertx) {
    try (ServerFixture fx = new ServerFixture(vertx, ServerFixture.fast())) {
      TestClient.Result r =
          fx.client.post(
              "/v1/messages?fault=429",
              "{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

      assertThat(r.status()).isEqualTo(429);
      assertThat(new JsonObject(r.body()).getMap())
          .isEqualTo(
              Map.of(
                  "type",
                  "error",
                  "error",
                  Map.of(
                      "type",
                      "rate_limit_error",
                      "message",
                      "rate limit exceeded: retry after 1 second")));
    }
  }
}
