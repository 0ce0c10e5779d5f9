package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WebSocketTest {

  private ServerFixture fx;
  private WebSocketClient wsClient;

  @BeforeEach
  void start(Vertx vertx) {
    fx = new ServerFixture(vertx, ServerFixture.fast());
    wsClient = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() {
    wsClient.close().await();
    fx.close();
  }

  /** A connected socket whose text frames land in a queue; closed() completes on close. */
  private record Conversation(
      WebSocket ws, BlockingQueue<String> frames, CompletableFuture<Void> closed) {
    JsonObject next() throws InterruptedException {
      String f = frames.poll(5, TimeUnit.SECONDS);
      assertThat(f).as("a frame within 5 s").isNotNull();
      return new JsonObject(f);
    }

    /** Frames up to and including the next done or error frame. */
    List<JsonObject> untilDoneOrError() throws InterruptedException {
      List<JsonObject> out = new ArrayList<>();
      JsonObject f;
      do {
        f = next();
        out.add(f);
      } while (!f.getString("type").equals("done") && !f.getString("type").equals("error"));
      return out;
    }
  }

  private Conversation connect(String path) {
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    WebSocket ws =
        wsClient
            .connect(
                new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(fx.server.port())
                    .setURI(path))
            .await();
    ws.textMessageHandler(frames::add);
    ws.closeHandler(v -> closed.complete(null));
    return new Conversation(ws, frames, closed);
  }

  @Test
  void severalMessagesOnOneConnection() throws Exception {
    Conversation c = connect("/ws");

    c.ws().writeTextMessage("{\"type\":\"message\",\"content\":\"hi\",\"tokens\":2}");
    List<JsonObject> first = c.untilDoneOrError();
    c.ws().writeTextMessage("{\"type\":\"message\",\"content\":\"Look up order 77\",\"tokens\":1}");
    List<JsonObject> second = c.untilDoneOrError();

    assertThat(first)
        .extracting(f -> f.getString("type"))
        .containsExactly("token", "token", "usage", "done");
    assertThat(first.get(0).encode()).matches("\\{\"type\":\"token\",\"content\":\" [A-Za-z]+\"}");
    assertThat(first.get(2).encode())
        .isEqualTo("{\"type\":\"usage\",\"llm_call\":1,\"output_tokens\":2}");
    assertThat(first.get(3).getJsonObject("usage").getMap())
        .containsEntry("llm_calls", 1)
        .containsEntry("tokens", 2);
    assertThat(first.get(3).getJsonObject("phases_ms").fieldNames())
        .containsExactly("context_load", "llm_call", "tool_execution");
    assertThat(second)
        .extracting(f -> f.getString("type"))
        .containsExactly("tool_call", "usage", "tool_result", "token", "usage", "done");
    assertThat(second.get(0).getJsonObject("arguments").getString("order_id")).isEqualTo("77");
    assertThat(second.get(1).encode())
        .isEqualTo("{\"type\":\"usage\",\"llm_call\":1,\"output_tokens\":0}");
    assertThat(second.get(4).encode())
        .isEqualTo("{\"type\":\"usage\",\"llm_call\":2,\"output_tokens\":1}");
    assertThat(second.get(5).getJsonObject("usage").getInteger("llm_calls")).isEqualTo(2);
    assertThat(fx.server.stats().recent())
        .filteredOn(r -> r.endpoint().equals("/ws"))
        .extracting(r -> r.status() + " " + r.tokens())
        .containsExactly("200 2", "200 1");
  }

  @Test
  void aFramesRequestIdNamesTheMessageInStats() throws Exception {
    Conversation c = connect("/ws");

    c.ws().writeTextMessage("{\"type\":\"message\",\"content\":\"hi\",\"tokens\":1}");
    c.untilDoneOrError();
    c.ws()
        .writeTextMessage(
            "{\"type\":\"message\",\"content\":\"hi\",\"tokens\":1,\"request_id\":\"m-7-2-1\"}");
    c.untilDoneOrError();

    assertThat(fx.server.stats().recent())
        .filteredOn(r -> r.endpoint().equals("/ws"))
        .extracting(r -> r.id())
        .hasSize(2)
        .last()
        .isEqualTo("m-7-2-1");
    assertThat(fx.server.stats().recent().get(0).id()).matches("ws-\\d+-1");
  }

  @Test
  void aMessageSentMidStreamGetsAnErrorFrameAndTheStreamGoesOn() throws Exception {
    Conversation c = connect("/ws");

    c.ws()
        .writeTextMessage("{\"type\":\"message\",\"content\":\"a\",\"tokens\":3,\"ttft_ms\":100}");
    c.ws().writeTextMessage("{\"type\":\"message\",\"content\":\"b\"}");
    List<JsonObject> frames = c.untilDoneOrError();
    List<JsonObject> rest = c.untilDoneOrError();

    assertThat(frames.get(0).getString("type")).isEqualTo("error");
    assertThat(frames.get(0).getInteger("code")).isEqualTo(409);
    assertThat(rest).extracting(f -> f.getString("type")).endsWith("done");
    assertThat(c.ws().isClosed()).isFalse();
  }

  @Test
  void badFramesAndForcedErrorsAreErrorFramesOnAnOpenConnection() throws Exception {
    Conversation c = connect("/ws");

    c.ws().writeTextMessage("not json");
    JsonObject bad = c.next();
    c.ws().writeTextMessage("{\"type\":\"message\"}");
    JsonObject missing = c.next();
    c.ws().writeTextMessage("{\"type\":\"message\",\"content\":\"x\",\"fault\":\"429\"}");
    JsonObject limited = c.next();

    assertThat(bad.getString("type")).isEqualTo("error");
    assertThat(bad.getInteger("code")).isEqualTo(400);
    assertThat(missing.getString("message")).contains("content");
    assertThat(limited.getInteger("code")).isEqualTo(429);
    assertThat(limited.getString("message")).contains("retry after 1");
    assertThat(c.ws().isClosed()).isFalse();
  }

  @Test
  void pingsAreAnswered() throws Exception {
    Conversation c = connect("/ws");
    CompletableFuture<String> pong = new CompletableFuture<>();
    c.ws().pongHandler(data -> pong.complete(data.toString()));

    c.ws().writePing(io.vertx.core.buffer.Buffer.buffer("are-you-there"));

    assertThat(pong.get(5, TimeUnit.SECONDS)).isEqualTo("are-you-there");
  }

  @Test
  void dropFaultClosesTheConnectionWithoutDone() throws Exception {
    Conversation c = connect("/ws");

    c.ws()
        .writeTextMessage(
            "{\"type\":\"message\",\"content\":\"x\",\"tokens\":5,\"fault\":\"drop\"}");

    c.closed().get(5, TimeUnit.SECONDS);
    List<String> frames = new ArrayList<>(c.frames());
    assertThat(frames).noneMatch(f -> f.contains("\"done\""));
    assertThat(frames.size()).isBetween(1, 4);
  }

  @Test
  void perSessionSocketFeedsTheSessionHistoryAndUnknownSessionsAre404() throws Exception {
    String id =
        new JsonObject(fx.client.post("/api/sessions", "{}").body()).getString("session_id");
    Conversation c = connect("/api/sessions/" + id + "/ws");

    c.ws().writeTextMessage("{\"type\":\"message\",\"content\":\"hello ws\",\"tokens\":1}");
    c.untilDoneOrError();

    JsonObject session = new JsonObject(fx.client.get("/api/sessions/" + id).body());
    assertThat(session.getInteger("message_count")).isEqualTo(2);
    assertThat(session.getJsonArray("messages").getJsonObject(0).getString("content"))
        .isEqualTo("hello ws");
    assertThat(fx.client.get("/api/sessions/unknown/ws").status()).isEqualTo(404);
  }
}
