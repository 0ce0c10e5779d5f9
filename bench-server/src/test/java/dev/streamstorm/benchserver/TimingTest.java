package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.benchserver.stats.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measured timings against configured ones; medians of several streams. Nothing arrives before the
 * server's timer was due, so the configured value bounds each from below; the bounds above are
 * twice the worst excess seen in 8 runs on this 2-core machine with a parallel {@code mvn -B
 * verify} running (load average 12-17): first token 202-230 ms for 200 configured, the whole stream
 * 393-412 ms for 390, the median gap 8.7-10.1 ms for 10; on the shared clock, the first token
 * arrived 0.3-2.3 ms after its write (once 48.8 ms) and was written 100.6-156.5 ms after acceptance
 * for 100.
 */
@Tag("timing")
@ExtendWith(VertxExtension.class)
class TimingTest {

  private static final String TOKEN = "\"delta\":{\"content\":\" ";

  @Test
  void firstTokenAndTotalMatchTheConfiguredModel(Vertx vertx) throws Exception {
    BenchServerConfig config =
        BenchServerConfig.fromMap(Map.of("ttft", "200ms", "itl", "10ms", "tokens", 20));
    try (ServerFixture fx = new ServerFixture(vertx, config)) {
      warmUp(fx);
      List<CompletableFuture<TestClient.Result>> pending = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        pending.add(
            fx.client.sendAsync(
                HttpMethod.POST, "/v1/chat/completions", TestClient.chatBody(true), Map.of()));
      }
      double[] ttft = new double[5];
      double[] total = new double[5];
      double[] gap = new double[5];
      for (int i = 0; i < 5; i++) {
        TestClient.Result r = pending.get(i).get();
        List<TestClient.Event> tokens = r.tokenEvents(TOKEN);
        assertThat(tokens).hasSize(20);
        ttft[i] = r.millisFromSent(tokens.get(0).arrivalNs());
        total[i] = r.millisFromSent(r.events().get(r.events().size() - 1).arrivalNs());
        gap[i] = (tokens.get(19).arrivalNs() - tokens.get(0).arrivalNs()) / 1e6 / 19;
      }
      System.out.printf(
          "noise timing: ttft p50 %.3f, total p50 %.3f, gap p50 %.3f ms%n",
          median(ttft), median(total), median(gap));
      assertThat(median(ttft)).isBetween(200.0, 200.0 + 61);
      assertThat(median(total)).isBetween(390.0, 390.0 + 45);
      assertThat(median(gap)).isCloseTo(10, offset(2.6));
    }
  }

  @Test
  void statsTimestampsAreTheServersWriteTimesOnTheSharedClock(Vertx vertx) {
    BenchServerConfig config =
        BenchServerConfig.fromMap(Map.of("ttft", "100ms", "itl", "10ms", "tokens", 5));
    try (ServerFixture fx = new ServerFixture(vertx, config)) {
      warmUp(fx);
      TestClient.Result r =
          fx.client.post(
              "/v1/chat/completions", TestClient.chatBody(true), Map.of("X-Request-Id", "t-1"));

      RequestRecord rec =
          fx.server.stats().recent().stream().filter(x -> x.id().equals("t-1")).findFirst().get();
      List<TestClient.Event> tokens = r.tokenEvents(TOKEN);
      long firstArrival = tokens.get(0).arrivalNs();
      long lastArrival = tokens.get(4).arrivalNs();
      System.out.printf(
          "noise stats: arrival after write %.3f ms, first token after accept %.3f ms%n",
          (firstArrival - rec.firstTokenNanos()) / 1e6,
          (rec.firstTokenNanos() - rec.acceptedNanos()) / 1e6);
      assertThat(rec.acceptedNanos()).isBetween(r.sentNs(), r.headersNs());
      assertThat(rec.headersNanos()).isBetween(rec.acceptedNanos(), r.headersNs());
      assertThat(rec.firstTokenNanos()).isLessThanOrEqualTo(firstArrival);
      assertThat((firstArrival - rec.firstTokenNanos()) / 1e6).isLessThan(98);
      assertThat(rec.lastTokenNanos()).isLessThanOrEqualTo(lastArrival);
      assertThat((rec.firstTokenNanos() - rec.acceptedNanos()) / 1e6).isBetween(100.0, 100.0 + 113);
      assertThat(rec.tokens()).isEqualTo(5);
      assertThat(rec.status()).isEqualTo(200);
      assertThat(rec.outcome()).isEqualTo("ok");
      assertThat(fx.server.stats().jitter().count()).isGreaterThanOrEqualTo(6);
    }
  }

  /** The first requests of a JVM load classes on both sides; timings count after that. */
  private static void warmUp(ServerFixture fx) {
    for (int i = 0; i < 3; i++) {
      fx.client.post("/v1/chat/completions?ttft_ms=1&itl_ms=1&tokens=3", TestClient.chatBody(true));
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }
}
