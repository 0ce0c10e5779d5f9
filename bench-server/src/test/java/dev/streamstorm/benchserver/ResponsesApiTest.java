package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.stats.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/responses}: the Responses API's event sequence. */
@ExtendWith(VertxExtension.class)
class ResponsesApiTest {

  private static final String BODY =
      "{\"model\":\"gpt-bench\",\"input\":\"hi there\",\"stream\":true}";

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

  @Test
  void reasoningFunctionCallAndMessageItemsWithSequenceNumbersAndUsage() {
    var r = fx.client.post("/v1/responses?reasoning_tokens=2&tool_calls=1&tokens=2", BODY);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("text/event-stream");
    List<TestClient.Event> ev = r.events();
    assertThat(ev.stream().map(TestClient.Event::name))
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done",
            "response.reasoning_summary_part.done",
            "response.output_item.done",
            "response.output_item.added",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed");
    for (int i = 0; i < ev.size(); i++) {
      assertThat(data(ev.get(i)).getString("type")).isEqualTo(ev.get(i).name());
      assertThat(data(ev.get(i)).getInteger("sequence_number")).isEqualTo(i);
    }
    assertThat(ev.get(4).data())
        .matches(
            "\\{\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"rs_bench1\","
                + "\"output_index\":0,\"summary_index\":0,\"delta\":\" [A-Za-z]+\","
                + "\"sequence_number\":4\\}");
    JsonObject call = data(ev.get(9)).getJsonObject("item");
    assertThat(call.getString("type")).isEqualTo("function_call");
    assertThat(call.getString("call_id")).matches("call_[0-9a-z]+");
    assertThat(call.getString("arguments")).isEmpty();
    assertThat(data(ev.get(9)).getInteger("output_index")).isEqualTo(1);
    StringBuilder args = new StringBuilder();
    for (int i = 10; i <= 12; i++) {
      args.append(data(ev.get(i)).getString("delta"));
    }
    assertThat(data(ev.get(13)).getString("arguments")).isEqualTo(args.toString());
    assertThat(ev.get(17).data())
        .matches(
            "\\{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_bench1\","
                + "\"output_index\":2,\"content_index\":0,\"delta\":\" [A-Za-z]+\","
                + "\"logprobs\":\\[\\],\"sequence_number\":17\\}");
    String text = data(ev.get(17)).getString("delta") + data(ev.get(18)).getString("delta");
    assertThat(data(ev.get(19)).getString("text")).isEqualTo(text);
    JsonObject done = data(ev.get(22)).getJsonObject("response");
    assertThat(done.getString("status")).isEqualTo("completed");
    assertThat(done.getJsonArray("output")).hasSize(3);
    assertThat(done.getJsonObject("usage").getMap())
        .isEqualTo(
            Map.of(
                "input_tokens", 2,
                "input_tokens_details", Map.of("cached_tokens", 0),
                "output_tokens", 4,
                "output_tokens_details", Map.of("reasoning_tokens", 2),
                "total_tokens", 6));
    RequestRecord rec = fx.server.stats().recent().get(0);
    assertThat(rec.endpoint()).isEqualTo("/v1/responses");
    assertThat(rec.reasoningTokens()).isEqualTo(2);
    assertThat(rec.toolCalls()).isEqualTo(1);
    assertThat(rec.tokens()).isEqualTo(2);
    assertThat(rec.firstToolCallNanos())
        .isBetween(rec.firstReasoningNanos(), rec.firstTokenNanos());
  }

  @Test
  void theErrorAndFailedFaultsEndWithTheirEvents() {
    var error = fx.client.post("/v1/responses?tokens=4&fault=error_event", BODY);
    var failed = fx.client.post("/v1/responses?tokens=4&fault=failed", BODY);

    TestClient.Event last = error.events().get(error.events().size() - 1);
    assertThat(last.name()).isEqualTo("error");
    JsonObject e = data(last);
    assertThat(e.fieldNames())
        .containsExactly("type", "code", "message", "param", "sequence_number");
    assertThat(e.getString("code")).isEqualTo("server_error");
    TestClient.Event f = failed.events().get(failed.events().size() - 1);
    assertThat(f.name()).isEqualTo("response.failed");
    JsonObject response = data(f).getJsonObject("response");
    assertThat(response.getString("status")).isEqualTo("failed");
    assertThat(response.getJsonObject("error").getString("code")).isEqualTo("server_error");
    assertThat(fx.server.stats().recent())
        .extracting(RequestRecord::outcome)
        .containsExactly("stream_error", "stream_error");
  }

  @Test
  void maxOutputTokensEndsIncompleteAndStreamFalseIs400() {
    var cut =
        fx.client.post(
            "/v1/responses?tokens=5",
            "{\"input\":[{\"role\":\"user\",\"content\":\"a b c\"}],\"stream\":true,"
                + "\"max_output_tokens\":2}");
    var notStreaming = fx.client.post("/v1/responses", "{\"input\":\"x\"}");

    TestClient.Event last = cut.events().get(cut.events().size() - 1);
    assertThat(last.name()).isEqualTo("response.incomplete");
    JsonObject response = data(last).getJsonObject("response");
    assertThat(response.getString("status")).isEqualTo("incomplete");
    assertThat(response.getJsonObject("incomplete_details").getString("reason"))
        .isEqualTo("max_output_tokens");
    assertThat(response.getJsonObject("usage").getInteger("input_tokens")).isEqualTo(3);
    assertThat(notStreaming.status()).isEqualTo(400);
    assertThat(new JsonObject(notStreaming.body()).getJsonObject("error").getString("message"))
        .contains("stream");
  }
}
