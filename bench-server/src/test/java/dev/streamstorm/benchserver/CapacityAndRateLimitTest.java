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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CapacityAndRateLimitTest {

  /** See {@link #theThirdStreamWaitsForTheFirstSlotToFreeUnderMaxConcurrencyTwo}. */
  private static final long SLOT_MICROS = 10_000;

  private static final double HEADERS_MS = 10.0;
  private static final double SLOT_AFTER_END_MS = 25.0;
  private static final double TIMER_LATE_MS = 56.0;

  private static final String TOKEN = "\"delta\":{\"content\":\" ";

  /**
   * Three streams at once under two slots: the one accepted last waits until the first of the other
   * two has ended, then starts its own generation. Asserted on the server's instants (one clock,
   * stamped where the bytes are written), not on windows around the client's arrival times. The
   * bounds are twice the worst seen in 8 runs on this 2-core machine with a parallel {@code mvn -B
   * verify} running (load average 12-17), and no less than 10 ms for a span that no timer is in (a
   * collection pause can fall anywhere): the first two waited 0 µs each, headers went out 0.05-0.23
   * ms after acceptance, the slot was taken 0.26-0.49 ms after the first stream's last token (once
   * 12.3 ms), and the first token came 100.4-128.0 ms after the slot.
   */
  @Test
  @Tag("timing")
  void theThirdStreamWaitsForTheFirstSlotToFreeUnderMaxConcurrencyTwo(Vertx vertx)
      throws Exception {
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
      }
      for (CompletableFuture<TestClient.Result> f : pending) {
        TestClient.Result r = f.get();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.tokenEvents(TOKEN)).hasSize(10);
      }
      List<RequestRecord> byArrival =
          fx.server.stats().recent().stream()
              .filter(r -> r.id().startsWith("c-"))
              .sorted(Comparator.comparingLong(RequestRecord::acceptedNanos))
              .toList();
      assertThat(byArrival).hasSize(3);
      RequestRecord third = byArrival.get(2);
      long slotFreedNs =
          Math.min(byArrival.get(0).lastTokenNanos(), byArrival.get(1).lastTokenNanos());
      // The wait counts from the response's opening, when the headers go out.
      long slotTakenNs = third.headersNanos() + third.queueWaitMicros() * 1_000;
      double headersMs = ms(third.headersNanos() - third.acceptedNanos());
      double slotAfterEndMs = ms(slotTakenNs - slotFreedNs);
      double ttftAfterSlotMs = ms(third.firstTokenNanos() - slotTakenNs);
      System.out.printf(
          "noise capacity: first two waited %d, %d us; third's headers after %.3f ms, slot %.3f ms"
              + " after the first end, first token %.3f ms after the slot%n",
          byArrival.get(0).queueWaitMicros(),
          byArrival.get(1).queueWaitMicros(),
          headersMs,
          slotAfterEndMs,
          ttftAfterSlotMs);

      assertThat(byArrival.get(0).queueWaitMicros()).isLessThan(SLOT_MICROS);
      assertThat(byArrival.get(1).queueWaitMicros()).isLessThan(SLOT_MICROS);
      // Headers and the role chunk go out at once, queued or not.
      assertThat(headersMs).isLessThan(HEADERS_MS);
      // The slot is given back when a stream ends, after its last token, and taken at once (the
      // wait is kept in whole microseconds: 0.01 ms below is rounding).
      assertThat(slotAfterEndMs).isBetween(-0.01, SLOT_AFTER_END_MS);
      // Its generation starts with the slot: the first token 100 ms later, never sooner.
      assertThat(ttftAfterSlotMs).isBetween(100.0 - 0.01, 100.0 + TIMER_LATE_MS);
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
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
      // The first holds the slot before the second is sent.
      long giveUpNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (fx.server.stats().generating() == 0 && System.nanoTime() < giveUpNs) {
        Thread.sleep(1);
      }
      assertThat(fx.server.stats().generating()).isEqualTo(1);
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
