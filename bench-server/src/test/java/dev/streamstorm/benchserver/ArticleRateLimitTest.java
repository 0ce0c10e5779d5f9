package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The seed article's rate-limit check, as it was written against an agent API: 50 concurrent POSTs
 * of a message to session {@code test}; every answer is 200 or 429, and a 429's JSON body has a
 * top-level {@code message} that says to retry. bench-server with a request-rate limit must pass it
 * as an app behind a gateway would (docs/bench-server.md, "The seed article's rate-limit test").
 */
class ArticleRateLimitTest {

  private static final int REQUESTS = 50;

  @Test
  void fiftyConcurrentPostsAreAll200Or429AndEach429SaysRetry() throws Exception {
    BenchServerConfig config =
        BenchServerConfig.fromMap(
            Map.of("ttft", "20ms", "itl", "2ms", "tokens", 5, "rateLimitRps", 10));
    BenchServer server =
        BenchServer.start(null, config.withEventLoops(2), "127.0.0.1", 0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      URI url = URI.create(server.baseUrl() + "/api/sessions/test/messages");
      List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        HttpRequest post =
            HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"message\":\"Hello, agent " + i + "\"}"))
                .build();
        pending.add(client.sendAsync(post, HttpResponse.BodyHandlers.ofString()));
      }
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> f : pending) {
        responses.add(f.get(30, TimeUnit.SECONDS));
      }

      assertThat(responses)
          .extracting(HttpResponse::statusCode)
          .allMatch(s -> s == 200 || s == 429);
      List<HttpResponse<String>> limited =
          responses.stream().filter(r -> r.statusCode() == 429).toList();
      // the bucket holds one second's worth: about 10 pass, the rest are refused
      assertThat(limited).hasSizeBetween(REQUESTS - 20, REQUESTS - 10);
      for (HttpResponse<String> r : limited) {
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("message")).contains("retry");
        assertThat(body.getJsonObject("error").getString("type")).isEqualTo("rate_limit_error");
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
      }
      assertThat(server.stats().requests().get("/api/sessions/{id}/messages"))
          .containsEntry("429", (long) limited.size())
          .containsEntry("200", (long) (REQUESTS - limited.size()));
    } finally {
      server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
