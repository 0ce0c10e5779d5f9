package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class AnthropicMessagesTest {

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
  void streamsTheExactEventSequence() {
    var r =
        fx.client.post(
            "/v1/messages?tokens=2",
            "{\"model\":\"claude-bench\",\"stream\":true,\"max_tokens\":100,"
                + "\"system\":\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("text/event-stream");
    List<TestClient.Event> events = r.events();
    assertThat(events.stream().map(TestClient.Event::name))
        .containsExactly(
            "message_start",
            "content_block_start",
            "ping",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
    assertThat(events.get(0).raw())
        .isEqualTo(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":"
                + "\"msg_bench1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
                + "\"model\":\"claude-bench\",\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}");
    assertThat(events.get(1).raw())
        .isEqualTo(
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    assertThat(events.get(2).raw()).isEqualTo("event: ping\ndata: {\"type\": \"ping\"}");
    assertThat(events.get(3).raw())
        .matches(
            "event: content_block_delta\ndata: \\{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":\\{\"type\":\"text_delta\",\"text\":\" [A-Za-z]+\"\\}\\}");
    assertThat(events.get(5).raw())
        .isEqualTo(
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}");
    assertThat(events.get(6).raw())
        .isEqualTo(
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}");
    assertThat(events.get(7).raw())
        .isEqualTo("event: message_stop\ndata: {\"type\":\"message_stop\"}");
  }

  @Test
  void maxTokensCutsWithStopReasonMaxTokens() {
    var r =
        fx.client.post(
            "/v1/messages?tokens=9",
            "{\"stream\":true,\"max_tokens\":3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    assertThat(r.events().stream().filter(e -> "content_block_delta".equals(e.name()))).hasSize(3);
    assertThat(r.body()).contains("\"stop_reason\":\"max_tokens\"");
  }

  @Test
  void nonStreamingAnswersAMessage() {
    var r =
        fx.client.post(
            "/v1/messages?tokens=3",
            "{\"model\":\"m\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("type")).isEqualTo("message");
    assertThat(body.getString("role")).isEqualTo("assistant");
    assertThat(body.getString("stop_reason")).isEqualTo("end_turn");
    assertThat(body.getJsonArray("content").getJsonObject(0).getString("text"))
        .matches("( [A-Za-z]+){3}");
    assertThat(body.getJsonObject("usage").getInteger("output_tokens")).isEqualTo(3);
  }

  @Test
  void missingMaxTokensIsA400InAnthropicsShape() {
    var r =
        fx.client.post(
            "/v1/messages",
            "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    assertThat(r.status()).isEqualTo(400);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("type")).isEqualTo("error");
    assertThat(body.getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
    assertThat(body.getJsonObject("error").getString("message")).contains("max_tokens");
  }
}
