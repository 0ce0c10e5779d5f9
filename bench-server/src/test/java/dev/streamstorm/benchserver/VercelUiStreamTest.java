package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.stats.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/chat}: the Vercel AI SDK 5 UI message stream. */
@ExtendWith(VertxExtension.class)
class VercelUiStreamTest {

  private static final String BODY =
      "{\"messages\":[{\"id\":\"m1\",\"role\":\"user\",\"parts\":[{\"type\":\"text\","
          + "\"text\":\"hello\"}]}]}";

  private ServerFixture fx;

  @BeforeEach
  void start(Vertx vertx) {
    fx = new ServerFixture(vertx, ServerFixture.fast());
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static List<String> types(TestClient.Result r) {
    return r.events().stream()
        .map(TestClient.Event::data)
        .map(d -> d.equals("[DONE]") ? d : new JsonObject(d).getString("type"))
        .toList();
  }

  @Test
  void reasoningToolAndTextPartsInTwoStepsThenDone() {
    var r = fx.client.post("/api/chat?reasoning_tokens=1&tool_calls=1&tokens=2", BODY);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("x-vercel-ai-ui-message-stream")).isEqualTo("v1");
    assertThat(r.header("content-type")).isEqualTo("text/event-stream");
    assertThat(types(r))
        .containsExactly(
            "start",
            "start-step",
            "reasoning-start",
            "reasoning-delta",
            "reasoning-end",
            "tool-input-start",
            "tool-input-delta",
            "tool-input-delta",
            "tool-input-delta",
            "tool-input-available",
            "tool-output-available",
            "finish-step",
            "start-step",
            "text-start",
            "text-delta",
            "text-delta",
            "text-end",
            "finish-step",
            "finish",
            "[DONE]");
    List<TestClient.Event> ev = r.events();
    assertThat(ev.get(0).raw())
        .isEqualTo("data: {\"type\":\"start\",\"messageId\":\"msg-bench1\"}");
    assertThat(ev.get(3).raw())
        .matches(
            "data: \\{\"type\":\"reasoning-delta\",\"id\":\"reasoning-1\",\"delta\":\" [A-Za-z]+\"\\}");
    JsonObject start = new JsonObject(ev.get(5).data());
    assertThat(start.fieldNames()).containsExactly("type", "toolCallId", "toolName");
    JsonObject delta = new JsonObject(ev.get(6).data());
    assertThat(delta.fieldNames()).containsExactly("type", "toolCallId", "inputTextDelta");
    assertThat(delta.getString("toolCallId")).isEqualTo(start.getString("toolCallId"));
    assertThat(ev.get(14).raw())
        .matches("data: \\{\"type\":\"text-delta\",\"id\":\"text-1\",\"delta\":\" [A-Za-z]+\"\\}");
    assertThat(ev.get(19).raw()).isEqualTo("data: [DONE]");
    RequestRecord rec = fx.server.stats().recent().get(0);
    assertThat(rec.endpoint()).isEqualTo("/api/chat");
    assertThat(rec.reasoningTokens()).isEqualTo(1);
    assertThat(rec.toolCalls()).isEqualTo(1);
    assertThat(rec.tokens()).isEqualTo(2);
  }

  @Test
  void anAnswerOnlyStreamAndTheErrorPart() {
    var plain = fx.client.post("/api/chat?tokens=1", BODY);
    var error = fx.client.post("/api/chat?tokens=3&fault=error_event", BODY);

    assertThat(types(plain))
        .containsExactly(
            "start",
            "start-step",
            "text-start",
            "text-delta",
            "text-end",
            "finish-step",
            "finish",
            "[DONE]");
    List<TestClient.Event> ev = error.events();
    assertThat(ev.get(ev.size() - 2).raw())
        .isEqualTo(
            "data: {\"type\":\"error\",\"errorText\":\"injected fault: the model failed"
                + " mid-generation\"}");
    assertThat(ev.get(ev.size() - 1).raw()).isEqualTo("data: [DONE]");
  }
}
