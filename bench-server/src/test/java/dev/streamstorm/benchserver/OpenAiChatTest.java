package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OpenAiChatTest {

  private static final String PREFIX =
      "data: {\"id\":\"chatcmpl-bench1\",\"object\":\"chat.completion.chunk\",\"created\":";
  private static final Pattern CONTENT_CHUNK =
      Pattern.compile(
          Pattern.quote(PREFIX)
              + "\\d+,\"model\":\"gpt-bench\",\"system_fingerprint\":\"fp_bench\","
              + "\"choices\":\\[\\{\"index\":0,\"delta\":\\{\"content\":\" [A-Za-z]+\"\\},"
              + "\"logprobs\":null,\"finish_reason\":null\\}\\],\"usage\":null\\}");

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
  void streamsExactOpenAiChunksWithUsage() {
    var r =
        fx.client.post(
            "/v1/chat/completions?tokens=3",
            "{\"model\":\"gpt-bench\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("text/event-stream");
    assertThat(r.header("X-Request-Id")).isEqualTo("req-1");
    List<String> events = r.events().stream().map(TestClient.Event::raw).toList();
    assertThat(events).hasSize(7);
    long created = new JsonObject(events.get(0).substring(6)).getLong("created");
    String head =
        PREFIX + created + ",\"model\":\"gpt-bench\",\"system_fingerprint\":\"fp_bench\",";
    assertThat(events.get(0))
        .isEqualTo(
            head
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
    for (int i = 1; i <= 3; i++) {
      assertThat(events.get(i)).matches(CONTENT_CHUNK);
    }
    assertThat(events.get(4))
        .isEqualTo(
            head
                + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":null}");
    assertThat(events.get(5))
        .isEqualTo(
            head
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3,"
                + "\"total_tokens\":6,\"completion_tokens_details\":{\"reasoning_tokens\":0}}}");
    assertThat(events.get(6)).isEqualTo("data: [DONE]");
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void withoutIncludeUsageChunksCarryNoUsageAndMaxTokensCutsWithLength() {
    var r =
        fx.client.post(
            "/v1/chat/completions?tokens=10",
            "{\"stream\":true,\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    List<String> events = r.events().stream().map(TestClient.Event::raw).toList();
    assertThat(events).hasSize(5); // role, 2 tokens, final, [DONE]
    assertThat(events).noneMatch(e -> e.contains("usage"));
    assertThat(events.get(3)).contains("\"finish_reason\":\"length\"");
    assertThat(events.get(4)).isEqualTo("data: [DONE]");
  }

  @Test
  void roleChunkArrivesWithTheHeadersBeforeTheFirstToken() {
    var r = fx.client.post("/v1/chat/completions?ttft_ms=150&tokens=2", TestClient.chatBody(true));

    double roleMs = r.millisFromSent(r.events().get(0).arrivalNs());
    double firstTokenMs = r.millisFromSent(r.events().get(1).arrivalNs());
    assertThat(roleMs).isLessThan(100);
    assertThat(firstTokenMs).isGreaterThanOrEqualTo(149);
  }

  @Test
  void nonStreamingAnswersOneCompletionAfterTheGenerationTime() {
    var r =
        fx.client.post(
            "/v1/chat/completions?ttft_ms=100&itl_ms=10&tokens=4", TestClient.chatBody(false));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.millisFromSent(r.headersNs())).isGreaterThanOrEqualTo(129);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("object")).isEqualTo("chat.completion");
    assertThat(body.getString("id")).isEqualTo("chatcmpl-bench1");
    JsonObject choice = body.getJsonArray("choices").getJsonObject(0);
    assertThat(choice.getString("finish_reason")).isEqualTo("stop");
    assertThat(choice.getJsonObject("message").getString("role")).isEqualTo("assistant");
    assertThat(choice.getJsonObject("message").getString("content")).matches("( [A-Za-z]+){4}");
    assertThat(body.getJsonObject("usage").getMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "prompt_tokens",
                2,
                "completion_tokens",
                4,
                "total_tokens",
                6,
                "completion_tokens_details",
                Map.of("reasoning_tokens", 0)));
  }

  @Test
  void echoesTheClientsRequestId() {
    var r =
        fx.client.post(
            "/v1/chat/completions?tokens=1",
            TestClient.chatBody(true),
            Map.of("X-Request-Id", "my-id-7"));

    assertThat(r.header("X-Request-Id")).isEqualTo("my-id-7");
    assertThat(fx.server.stats().recent()).anyMatch(rec -> rec.id().equals("my-id-7"));
  }
}
