package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Same seed, same sequence of requests: same tokens and same drawn timings. */
@ExtendWith(VertxExtension.class)
class ReproducibilityTest {

  private static final Map<String, Object> RANDOM_MODEL =
      Map.of(
          "ttft", "uniform:10ms:40ms",
          "itl", "exponential:2ms",
          "tokens", "uniform:3:12",
          "toolDelay", "normal:10ms:3ms");

  /** Answers (text and drawn phase timings) of a fixed conversation on a fresh server. */
  private static List<String> conversation(Vertx vertx, long seed) {
    List<String> answers = new ArrayList<>();
    BenchServerConfig config = BenchServerConfig.fromMap(RANDOM_MODEL).withSeed(seed);
    try (ServerFixture fx = new ServerFixture(vertx, config)) {
      String id =
          new JsonObject(fx.client.post("/api/sessions", "").body()).getString("session_id");
      for (String msg : List.of("hi", "Look up order #5", "thanks")) {
        JsonObject a =
            new JsonObject(
                fx.client
                    .post(
                        "/api/sessions/" + id + "/messages",
                        new JsonObject().put("content", msg).encode())
                    .body());
        answers.add(a.getString("content") + " | " + a.getJsonObject("phases_ms").encode());
      }
      String chat = fx.client.post("/v1/chat/completions", TestClient.chatBody(false)).body();
      answers.add(
          new JsonObject(chat)
              .getJsonArray("choices")
              .getJsonObject(0)
              .getJsonObject("message")
              .getString("content"));
    }
    return answers;
  }

  @Test
  void sameSeedSameTokensAndTimingsOtherSeedOthers(Vertx vertx) {
    List<String> first = conversation(vertx, 7);
    List<String> again = conversation(vertx, 7);
    List<String> other = conversation(vertx, 8);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(first.get(1)).contains("\"tool_execution\":");
  }
}
