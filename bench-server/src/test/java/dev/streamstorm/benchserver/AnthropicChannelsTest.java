package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.stats.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Thinking and tool_use blocks on {@code /v1/messages}. */
@ExtendWith(VertxExtension.class)
class AnthropicChannelsTest {

  private static final String BODY =
      "{\"model\":\"claude-bench\",\"stream\":true,\"max_tokens\":100,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

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
  void thinkingThenToolUseThenTextBlocks() {
    var r = fx.client.post("/v1/messages?reasoning_tokens=2&tool_calls=1&tokens=1", BODY);

    List<TestClient.Event> ev = r.events();
    assertThat(ev.stream().map(TestClient.Event::name))
        .containsExactly(
            "message_start",
            "content_block_start", // thinking, index 0
            "ping",
            "content_block_delta", // thinking_delta
            "content_block_delta",
            "content_block_delta", // signature_delta
            "content_block_stop",
            "content_block_start", // tool_use, index 1
            "content_block_delta", // input_json_delta x3
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "content_block_start", // text, index 2
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
    assertThat(ev.get(1).data())
        .isEqualTo(
            "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}");
    assertThat(ev.get(3).data())
        .matches(
            "\\{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":\\{\"type\":\"thinking_delta\",\"thinking\":\" [A-Za-z]+\"\\}\\}");
    assertThat(new JsonObject(ev.get(5).data()).getJsonObject("delta").getString("type"))
        .isEqualTo("signature_delta");
    JsonObject toolStart = new JsonObject(ev.get(7).data());
    assertThat(toolStart.getInteger("index")).isEqualTo(1);
    JsonObject block = toolStart.getJsonObject("content_block");
    assertThat(block.fieldNames()).containsExactly("type", "id", "name", "input");
    assertThat(block.getString("type")).isEqualTo("tool_use");
    assertThat(block.getString("id")).matches("toolu_[0-9a-z]+");
    assertThat(block.getJsonObject("input").isEmpty()).isTrue();
    StringBuilder json = new StringBuilder();
    for (int i = 8; i <= 10; i++) {
      JsonObject d = new JsonObject(ev.get(i).data());
      assertThat(d.getInteger("index")).isEqualTo(1);
      assertThat(d.getJsonObject("delta").getString("type")).isEqualTo("input_json_delta");
      json.append(d.getJsonObject("delta").getString("partial_json"));
    }
    assertThat(new JsonObject(json.toString()).isEmpty()).isFalse();
    assertThat(ev.get(12).data())
        .isEqualTo(
            "{\"type\":\"content_block_start\",\"index\":2,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    assertThat(ev.get(13).data()).startsWith("{\"type\":\"content_block_delta\",\"index\":2,");
    assertThat(ev.get(15).data())
        .isEqualTo(
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}}");
    RequestRecord rec = fx.server.stats().recent().get(0);
    assertThat(rec.reasoningTokens()).isEqualTo(2);
    assertThat(rec.toolCalls()).isEqualTo(1);
    assertThat(rec.tokens()).isEqualTo(1);
  }

  @Test
  void aToolOnlyReplyStopsWithToolUse() {
    var r = fx.client.post("/v1/messages?tool_calls=1&tokens=0", BODY);

    List<TestClient.Event> ev = r.events();
    assertThat(ev.stream().map(TestClient.Event::name))
        .containsExactly(
            "message_start",
            "ping",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
    assertThat(ev.get(7).data()).contains("\"stop_reason\":\"tool_use\"");
  }

  @Test
  void theErrorEventFaultSendsAnthropicsErrorEvent() {
    var r = fx.client.post("/v1/messages?tokens=3&fault=error_event", BODY);

    List<TestClient.Event> ev = r.events();
    assertThat(ev.get(ev.size() - 1).raw())
        .isEqualTo(
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                + "\"message\":\"injected fault: the model failed mid-generation\"}}");
    assertThat(r.body()).doesNotContain("message_stop");
  }

  @Test
  void nonStreamingHasThinkingToolUseAndTextBlocks() {
    var r =
        fx.client.post(
            "/v1/messages?reasoning_tokens=2&tool_calls=1&tokens=2",
            "{\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    JsonObject msg = new JsonObject(r.body());
    JsonArray content = msg.getJsonArray("content");
    assertThat(content.stream().map(o -> ((JsonObject) o).getString("type")))
        .containsExactly("thinking", "tool_use", "text");
    assertThat(content.getJsonObject(1).getJsonObject("input").isEmpty()).isFalse();
    assertThat(msg.getJsonObject("usage").getInteger("output_tokens")).isEqualTo(4);
  }
}
