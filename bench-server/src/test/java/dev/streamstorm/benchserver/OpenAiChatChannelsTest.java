package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.stats.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reasoning and tool calls on {@code /v1/chat/completions}, and their ground truth in /stats. */
@ExtendWith(VertxExtension.class)
class OpenAiChatChannelsTest {

  private static final String BODY =
      "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"two words\"}]}";

  private ServerFixture fx;

  @BeforeEach
  void start(Vertx vertx) {
    fx = new ServerFixture(vertx, ServerFixture.fast());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static JsonObject data(TestClient.Event e) {
    return new JsonObject(e.data());
  }

  private static JsonObject delta(TestClient.Event e) {
    return data(e).getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
  }

  @Test
  void reasoningContentThenToolCallsThenContentWithUsageDetails() {
    var r =
        fx.client.post(
            "/v1/chat/completions?reasoning_tokens=2&tool_calls=1&tokens=2",
            BODY,
            Map.of("X-Request-Id", "c-1"));

    List<TestClient.Event> ev = r.events();
    // role, 2 reasoning, tool start, 3 argument chunks, 2 content, finish, usage, [DONE]
    assertThat(ev).hasSize(12);
    assertThat(ev.get(1).raw())
        .matches(
            "data: \\{\"id\":\"chatcmpl-bench1\",\"object\":\"chat.completion.chunk\",\"created\":"
                + "\\d+,\"model\":\"m\",\"system_fingerprint\":\"fp_bench\",\"choices\":\\[\\{"
                + "\"index\":0,\"delta\":\\{\"reasoning_content\":\" [A-Za-z]+\"\\},"
                + "\"logprobs\":null,\"finish_reason\":null\\}\\],\"usage\":null\\}");
    JsonObject start = delta(ev.get(3)).getJsonArray("tool_calls").getJsonObject(0);
    assertThat(start.fieldNames()).containsExactly("index", "id", "type", "function");
    assertThat(start.getInteger("index")).isZero();
    assertThat(start.getString("id")).matches("call_[0-9a-z]+");
    assertThat(start.getString("type")).isEqualTo("function");
    assertThat(start.getJsonObject("function").getString("arguments")).isEmpty();
    StringBuilder args = new StringBuilder();
    for (int i = 4; i <= 6; i++) {
      JsonObject piece = delta(ev.get(i)).getJsonArray("tool_calls").getJsonObject(0);
      assertThat(piece.fieldNames()).containsExactly("index", "function");
      args.append(piece.getJsonObject("function").getString("arguments"));
    }
    assertThat(new JsonObject(args.toString()).isEmpty()).isFalse();
    assertThat(delta(ev.get(7)).getString("content")).matches(" [A-Za-z]+");
    assertThat(data(ev.get(9)).getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
        .isEqualTo("stop");
    assertThat(data(ev.get(10)).getJsonObject("usage").getMap())
        .isEqualTo(
            Map.of(
                "prompt_tokens", 2,
                "completion_tokens", 4,
                "total_tokens", 6,
                "completion_tokens_details", Map.of("reasoning_tokens", 2)));
    assertThat(ev.get(11).raw()).isEqualTo("data: [DONE]");

    RequestRecord rec = fx.server.stats().recent().get(0);
    assertThat(rec.reasoningTokens()).isEqualTo(2);
    assertThat(rec.toolCalls()).isEqualTo(1);
    assertThat(rec.tokens()).isEqualTo(2);
    // fast(): ttft 20 ms, itl 2 ms: reasoning at 20, 22; the call at 24; the answer at 32, 34
    assertThat(rec.firstReasoningNanos() - rec.acceptedNanos()).isBetween(19_000_000L, 60_000_000L);
    assertThat(rec.firstToolCallNanos()).isGreaterThan(rec.firstReasoningNanos());
    assertThat(rec.firstTokenNanos()).isGreaterThan(rec.firstToolCallNanos());
  }

  @Test
  void aToolOnlyReplyFinishesWithToolCallsAndHasNoAnswerTimestamps() {
    var r = fx.client.post("/v1/chat/completions?tool_calls=2&tokens=0", BODY);

    List<TestClient.Event> ev = r.events();
    assertThat(ev).hasSize(1 + 2 * 4 + 3);
    assertThat(delta(ev.get(5)).getJsonArray("tool_calls").getJsonObject(0).getInteger("index"))
        .isEqualTo(1);
    assertThat(data(ev.get(9)).getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
        .isEqualTo("tool_calls");
    RequestRecord rec = fx.server.stats().recent().get(0);
    assertThat(rec.toolCalls()).isEqualTo(2);
    assertThat(rec.tokens()).isZero();
    assertThat(rec.firstTokenNanos()).isNull();
    assertThat(rec.firstReasoningNanos()).isNull();
    assertThat(rec.firstToolCallNanos()).isNotNull();
  }

  @Test
  void theReasoningFieldSwitchesToVllmsName() {
    var r =
        fx.client.post(
            "/v1/chat/completions?reasoning_tokens=1&tokens=1&reasoning_field=reasoning", BODY);
    var bad = fx.client.post("/v1/chat/completions?reasoning_field=thoughts", BODY);

    assertThat(delta(r.events().get(1)).fieldNames()).containsExactly("reasoning");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("reasoning_field");
  }

  @Test
  void nonStreamingCarriesReasoningAndToolCallsInTheMessage() {
    var r =
        fx.client.post(
            "/v1/chat/completions?reasoning_tokens=3&tool_calls=1&tokens=0",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    JsonObject choice = new JsonObject(r.body()).getJsonArray("choices").getJsonObject(0);
    JsonObject message = choice.getJsonObject("message");
    assertThat(choice.getString("finish_reason")).isEqualTo("tool_calls");
    assertThat(message.getValue("content")).isNull();
    assertThat(message.getString("reasoning_content")).matches("( [A-Za-z]+){3}");
    JsonArray calls = message.getJsonArray("tool_calls");
    assertThat(calls).hasSize(1);
    assertThat(calls.getJsonObject(0).getJsonObject("function").getString("arguments"))
        .startsWith("{");
    RequestRecord rec = fx.server.stats().recent().get(0);
    assertThat(rec.reasoningTokens()).isEqualTo(3);
    assertThat(rec.toolCalls()).isEqualTo(1);
    assertThat(rec.firstToolCallNanos()).isEqualTo(rec.headersNanos());
  }

  @Test
  void theErrorEventFaultEndsTheStreamWithAnErrorObjectAndNoDone() {
    var r = fx.client.post("/v1/chat/completions?tokens=4&fault=error_event", BODY);

    List<TestClient.Event> ev = r.events();
    assertThat(ev.get(ev.size() - 1).raw())
        .isEqualTo(
            "data: {\"error\":{\"message\":\"injected fault: the model failed mid-generation\","
                + "\"type\":\"server_error\",\"code\":\"server_error\"}}");
    assertThat(r.body()).doesNotContain("[DONE]");
    RequestRecord rec = fx.server.stats().recent().get(0);
    assertThat(rec.outcome()).isEqualTo("stream_error");
    assertThat(rec.fault()).isEqualTo("error_event");
    assertThat(rec.tokens()).isBetween(1, 3);
  }
}
