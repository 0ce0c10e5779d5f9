package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.benchserver.stats.BenchServerStats;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The warm-up before the ready line: it runs, it is bounded, and it leaves no trace. */
@ExtendWith(VertxExtension.class)
class WarmUpTest {

  @Test
  void warmsEveryEndpointOnAThrowAwayInstanceAndLeavesNoTrace(Vertx vertx) {
    BenchServerConfig config =
        ServerFixture.fast().withWarmUp(true).withRateLimitRps(1).withEventLoops(2);
    long startNs = System.nanoTime();
    BenchServer server = BenchServer.start(null, config, "127.0.0.1", 0).await();
    double startMs = (System.nanoTime() - startNs) / 1e6;
    System.out.printf(
        "warm-up: %d requests, start took %.0f ms%n", server.warmUpRequests(), startMs);
    TestClient client = new TestClient(vertx, server.port());
    try {
      // bounded at 4 s of warm-up; generous for a machine shared with other builds
      assertThat(startMs).isLessThan(15_000);
      // every one of the 8 lanes completes its first request before the budget starts
      assertThat(server.warmUpRequests()).isGreaterThanOrEqualTo(8);
      BenchServerStats stats = server.stats();
      assertThat(stats.requests()).isEmpty();
      assertThat(stats.recent()).isEmpty();
      assertThat(stats.tokensSent()).isZero();
      assertThat(stats.jitter().count()).isZero();

      // numbering starts at 1, the rate-limit bucket is full, the warm-up session is gone
      TestClient.Result first =
          client.post("/v1/chat/completions?tokens=1", TestClient.chatBody(true));
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.header("X-Request-Id")).isEqualTo("req-1");
      assertThat(client.get("/api/sessions/warm-up").status()).isIn(404, 429);
      assertThat(server.stats().requests().get("/v1/chat/completions"))
          .isEqualTo(Map.of("200", 1L));
    } finally {
      client.close();
      server.close().await();
    }
  }
}
