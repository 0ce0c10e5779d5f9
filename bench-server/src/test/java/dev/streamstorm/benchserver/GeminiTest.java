package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.stats.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1beta/models/{model}:streamGenerateContent?alt=sse}. */
@ExtendWith(VertxExtension.class)
class GeminiTest {

  private static final String PATH = "/v1beta/models/gemini-bench:streamGenerateContent?alt=sse";
  private static final String BODY =
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi there\"}]}]}";
  private static final String TAIL =
      "\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":2,"
          + "\"totalTokenCount\":2},\"modelVersion\":\"gemini-bench\",\"responseId\":\"bench-1\"}";

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
  void thoughtPartsAFunctionCallAndTextInCrlfFramedEventsWithoutADoneMarker() {
    var r = fx.client.post(PATH + "&reasoning_tokens=1&tool_calls=1&tokens=1", BODY);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("text/event-stream");
    String[] events = r.body().split("\r\n\r\n", -1);
    assertThat(events).hasSize(5); // thought, functionCall, text, final, "" after the last CRLF
    assertThat(events[4]).isEmpty();
    assertThat(r.body()).doesNotContain("[DONE]").doesNotContain("\n\n");
    assertThat(events[0])
        .matches(
            "data: \\{\"candidates\":\\[\\{\"content\":\\{\"parts\":\\[\\{\"text\":\" [A-Za-z]+\","
                + "\"thought\":true\\}\\],"
                + java.util.regex.Pattern.quote(TAIL));
    JsonObject call =
        new JsonObject(events[1].substring(6))
            .getJsonArray("candidates")
            .getJsonObject(0)
            .getJsonObject("content")
            .getJsonArray("parts")
            .getJsonObject(0)
            .getJsonObject("functionCall");
    assertThat(call.fieldNames()).containsExactly("name", "args");
    assertThat(call.getJsonObject("args").isEmpty()).isFalse();
    assertThat(events[2])
        .matches(
            "data: \\{\"candidates\":\\[\\{\"content\":\\{\"parts\":\\[\\{\"text\":\" [A-Za-z]+\""
                + "\\}\\],"
                + java.util.regex.Pattern.quote(TAIL));
    JsonObject last = new JsonObject(events[3].substring(6));
    assertThat(last.getJsonArray("candidates").getJsonObject(0).getString("finishReason"))
        .isEqualTo("STOP");
    assertThat(last.getJsonObject("usageMetadata").getMap())
        .isEqualTo(
            Map.of(
                "promptTokenCount", 2,
                "candidatesTokenCount", 1,
                "totalTokenCount", 4,
                "thoughtsTokenCount", 1));
    RequestRecord rec = fx.server.stats().recent().get(0);
    assertThat(rec.endpoint()).isEqualTo("/v1beta/models/{model}:streamGenerateContent");
    assertThat(rec.reasoningTokens()).isEqualTo(1);
    assertThat(rec.toolCalls()).isEqualTo(1);
    assertThat(rec.tokens()).isEqualTo(1);
  }

  @Test
  void errorsAreGoogleShaped() {
    var noSse = fx.client.post("/v1beta/models/g:streamGenerateContent", BODY);
    var noContents = fx.client.post(PATH, "{}");
    var limited = fx.client.post(PATH + "&fault=429", BODY);
    var midStream = fx.client.post(PATH + "&tokens=3&fault=error_event", BODY);

    assertThat(noSse.status()).isEqualTo(400);
    JsonObject error = new JsonObject(noSse.body()).getJsonObject("error");
    assertThat(error.fieldNames()).containsExactly("code", "message", "status");
    assertThat(error.getInteger("code")).isEqualTo(400);
    assertThat(error.getString("status")).isEqualTo("INVALID_ARGUMENT");
    assertThat(new JsonObject(noContents.body()).getJsonObject("error").getString("message"))
        .contains("contents");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(new JsonObject(limited.body()).getJsonObject("error").getString("status"))
        .isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(midStream.body())
        .endsWith(
            "data: {\"error\":{\"code\":500,\"message\":\"injected fault: the model failed"
                + " mid-generation\",\"status\":\"INTERNAL\"}}\r\n\r\n");
  }
}
