package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.benchserver.stats.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CapacityAndRateLimitTest {

  private static final String TOKEN = "\"delta\":{\"content\":\" ";

  @Test
  void theThirdStreamWaitsOneGenerationUnderMaxConcurrencyTwo(Vertx vertx) throws Exception {
    // one generation: ttft 100 + 9 gaps of 10 = 190 ms
    BenchServerConfig config =
        BenchServerConfig.fromMap(
            Map.of("ttft", "100ms", "itl", "10ms", "tokens", 10, "maxConcurrency", 2));
    try (ServerFixture fx = new ServerFixture(vertx, config)) {
      List<CompletableFuture<TestClient.Result>> pending = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        pending.add(
            fx.client.sendAsync(
                HttpMethod.POST,
                "/v1/chat/completions",
                TestClient.chatBody(true),
                Map.of("X-Request-Id", "c-" + i)));
        Thread.sleep(20); // arrival order decides who waits
      }
      List<Double> ttfts = new ArrayList<>();
      for (CompletableFuture<TestClient.Result> f : pending) {
        TestClient.Result r = f.get();
        assertThat(r.status()).isEqualTo(200);
        ttfts.add(r.millisFromSent(r.tokenEvents(TOKEN).get(0).arrivalNs()));
        // headers and the role chunk come at once, queued or not
        assertThat(r.millisFromSent(r.events().get(0).arrivalNs())).isLessThan(60);
      }
      assertThat(ttfts.get(0)).isBetween(95.0, 130.0);
      assertThat(ttfts.get(1)).isBetween(95.0, 130.0);
      // waits for the first slot to free: 190 - 40 (it came 40 ms later) + 100
      assertThat(ttfts.get(2)).isBetween(235.0, 290.0);
      RequestRecord third =
          fx.server.stats().recent().stream()
              .filter(r -> r.id().equals("c-2"))
              .max(Comparator.comparingLong(RequestRecord::acceptedNanos))
              .get();
      assertThat(third.queueWaitMicros() / 1000.0).isBetween(130.0, 180.0);
    }
  }

  @Test
  void aClientThatHangsUpGivesItsSlotBack(Vertx vertx) throws Exception {
    BenchServerConfig config =
        BenchServerConfig.fromMap(
            Map.of("ttft", "50ms", "itl", "20ms", "tokens", 100, "maxConcurrency", 1));
    try (ServerFixture fx = new ServerFixture(vertx, config)) {
      HttpClient raw = vertx.createHttpClient();
      CompletableFuture<Void> hungUp = new CompletableFuture<>();
      raw.request(HttpMethod.POST, fx.server.port(), "127.0.0.1", "/v1/chat/completions")
          .compose(req -> req.send(TestClient.chatBody(true)))
          .onSuccess(
              resp ->
                  resp.handler(
                      chunk -> {
                        if (chunk.toString().contains("\"content\":\" ")) {
                          resp.request().connection().close();
                          hungUp.complete(null);
                        }
                      }));
      hungUp.get(5, TimeUnit.SECONDS);

      TestClient.Result next =
          fx.client.post("/v1/chat/completions?tokens=1", TestClient.chatBody(true));

      // without the slot back it would wait for the 2 s generation of the first stream
      assertThat(next.millisFromSent(next.tokenEvents(TOKEN).get(0).arrivalNs())).isLessThan(500);
      assertThat(fx.server.stats().recent()).anyMatch(r -> r.outcome().equals("client_closed"));
      assertThat(fx.server.stats().generating()).isZero();
      raw.close().await();
    }
  }

  @Test
  void beyondTheQueueLimitIs503(Vertx vertx) throws Exception {
    BenchServerConfig config =
        BenchServerConfig.fromMap(
            Map.of("ttft", "200ms", "tokens", 1, "maxConcurrency", 1, "queueLimit", 0));
    try (ServerFixture fx = new ServerFixture(vertx, config)) {
      var first =
          fx.client.sendAsync(
              HttpMethod.POST, "/v1/chat/completions", TestClient.chatBody(true), Map.of());
      Thread.sleep(50);
      TestClient.Result second = fx.client.post("/v1/chat/completions", TestClient.chatBody(true));

      assertThat(second.status()).isEqualTo(503);
      assertThat(new JsonObject(second.body()).getJsonObject("error").getString("type"))
          .isEqualTo("overloaded");
      assertThat(first.get().status()).isEqualTo(200);
      assertThat(fx.server.stats().requests().get("/v1/chat/completions"))
          .containsEntry("200", 1L)
          .containsEntry("503", 1L);
    }
  }

  @Test
  void overTheRequestRateIs429WithRetryAfter(Vertx vertx) {
    BenchServerConfig config =
        BenchServerConfig.fromMap(Map.of("ttft", "1ms", "tokens", 1, "rateLimitRps", 2));
    try (ServerFixture fx = new ServerFixture(vertx, config)) {
      List<TestClient.Result> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        results.add(fx.client.post("/v1/chat/completions", TestClient.chatBody(true)));
      }

      assertThat(results.get(0).status()).isEqualTo(200);
      assertThat(results.get(1).status()).isEqualTo(200);
      TestClient.Result limited = results.get(2);
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isEqualTo("1");
      JsonObject error = new JsonObject(limited.body()).getJsonObject("error");
      assertThat(error.getString("message")).isEqualTo("rate limit exceeded: retry after 1 second");
      assertThat(error.getString("code")).isEqualTo("rate_limit_exceeded");
    }
  }

  @Test
  void overTheTokenRateIs429WithTheWaitForTheMissingTokens(Vertx vertx) {
    // 120 tokens per minute = 2 per second; 100 tokens taken, 20 left, the next 60 lack 40 = 20 s
    BenchServerConfig config =
        BenchServerConfig.fromMap(Map.of("ttft", "1ms", "itl", "0", "rateLimitTpm", 120));
    try (ServerFixture fx = new ServerFixture(vertx, config)) {
      TestClient.Result ok =
          fx.client.post("/v1/chat/completions?tokens=100", TestClient.chatBody(true));
      TestClient.Result limited =
          fx.client.post("/v1/chat/completions?tokens=60", TestClient.chatBody(true));

      assertThat(ok.status()).isEqualTo(200);
      assertThat(limited.status()).isEqualTo(429);
      assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(19, 20);
      assertThat(limited.body())
          .contains("retry after " + limited.header("Retry-After") + " seconds");
    }
  }
}
