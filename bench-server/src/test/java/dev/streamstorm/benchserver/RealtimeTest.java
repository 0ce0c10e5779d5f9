package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.stats.RequestRecord;
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

/** {@code GET /v1/realtime}: the OpenAI Realtime API over WebSocket, text only. */
@ExtendWith(VertxExtension.class)
class RealtimeTest {

  private ServerFixture fx;
  private WebSocketClient wsClient;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    fx = new ServerFixture(vertx, ServerFixture.fast());
    wsClient = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() {
    wsClient.close().await();
    fx.close();
  }

  private record Socket(WebSocket ws, BlockingQueue<String> frames) {
    String nextRaw() throws InterruptedException {
      String f = frames.poll(5, TimeUnit.SECONDS);
      assertThat(f).as("a frame within 5 s").isNotNull();
      return f;
    }

    JsonObject next() throws InterruptedException {
      return new JsonObject(nextRaw());
    }

    /** Raw frames up to and including the next response.done or error. */
    List<String> untilDone() throws InterruptedException {
      List<String> out = new ArrayList<>();
      String type;
      do {
        String f = nextRaw();
        out.add(f);
        type = new JsonObject(f).getString("type");
      } while (!type.equals("response.done") && !type.equals("error"));
      return out;
    }
  }

  /**
   * Connects from an event loop and sets the frame handler as the upgrade completes there: the
   * server sends session.created at once, before a handler set from the test thread would be.
   */
  private Socket connect() throws Exception {
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    CompletableFuture<WebSocket> connected = new CompletableFuture<>();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v ->
                wsClient
                    .connect(
                        new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(fx.server.port())
                            .setURI("/v1/realtime?model=gpt-realtime-bench"))
                    .onSuccess(
                        ws -> {
                          ws.textMessageHandler(frames::add);
                          connected.complete(ws);
                        })
                    .onFailure(connected::completeExceptionally));
    return new Socket(connected.get(10, TimeUnit.SECONDS), frames);
  }

  private static String type(String frame) {
    return new JsonObject(frame).getString("type");
  }

  @Test
  void sessionCreatedItemCreatedAndAStreamedTextResponse() throws Exception {
    Socket s = connect();
    JsonObject created = s.next();
    s.ws()
        .writeTextMessage(
            "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\","
                + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi there\"}]}}");
    JsonObject item = s.next();
    s.ws().writeTextMessage("{\"type\":\"response.create\",\"tokens\":2}");
    List<String> frames = s.untilDone();

    assertThat(created.getString("type")).isEqualTo("session.created");
    assertThat(created.getString("event_id")).isEqualTo("event_1");
    assertThat(created.getJsonObject("session").getString("model")).isEqualTo("gpt-realtime-bench");
    assertThat(item.getString("type")).isEqualTo("conversation.item.created");
    assertThat(item.getJsonObject("item").getString("id")).isEqualTo("item_bench1");
    assertThat(frames.stream().map(RealtimeTest::type))
        .containsExactly(
            "response.created",
            "response.output_item.added",
            "response.content_part.added",
            "response.text.delta",
            "response.text.delta",
            "response.text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.done");
    assertThat(frames.get(3))
        .matches(
            "\\{\"type\":\"response.text.delta\",\"response_id\":\"resp_bench1\","
                + "\"item_id\":\"item_bench1\",\"output_index\":0,\"content_index\":0,"
                + "\"delta\":\" [A-Za-z]+\",\"event_id\":\"event_6\"\\}");
    assertThat(new JsonObject(frames.get(4)).getString("event_id")).isEqualTo("event_7");
    String text =
        new JsonObject(frames.get(3)).getString("delta")
            + new JsonObject(frames.get(4)).getString("delta");
    assertThat(new JsonObject(frames.get(5)).getString("text")).isEqualTo(text);
    JsonObject response = new JsonObject(frames.get(8)).getJsonObject("response");
    assertThat(response.getString("status")).isEqualTo("completed");
    assertThat(response.getJsonObject("usage").getMap())
        .containsEntry("total_tokens", 4)
        .containsEntry("input_tokens", 2)
        .containsEntry("output_tokens", 2);
    RequestRecord rec = fx.server.stats().recent().get(0);
    assertThat(rec.endpoint()).isEqualTo("/v1/realtime");
    assertThat(rec.tokens()).isEqualTo(2);
    assertThat(rec.headersNanos()).isNull();
  }

  @Test
  void oneResponseAtATimeAndResponseInputInOneFrame() throws Exception {
    Socket s = connect();
    s.next();
    s.ws()
        .writeTextMessage(
            "{\"type\":\"response.create\",\"ttft_ms\":200,\"tokens\":1,\"response\":{\"input\":"
                + "[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"one two three\"}]}]}}");
    s.ws().writeTextMessage("{\"type\":\"response.create\",\"event_id\":\"c-2\"}");
    List<String> first = new ArrayList<>();
    JsonObject busy = null;
    while (busy == null
        || first.isEmpty()
        || !type(first.get(first.size() - 1)).equals("response.done")) {
      String f = s.nextRaw();
      if (type(f).equals("error")) {
        busy = new JsonObject(f);
      } else {
        first.add(f);
      }
    }

    assertThat(busy.getJsonObject("error").encode())
        .isEqualTo(
            "{\"type\":\"invalid_request_error\",\"code\":\"conversation_already_has_active_response\","
                + "\"message\":\"Conversation already has an active response in progress\","
                + "\"param\":null,\"event_id\":\"c-2\"}");
    JsonObject usage =
        new JsonObject(first.get(first.size() - 1))
            .getJsonObject("response")
            .getJsonObject("usage");
    assertThat(usage.getInteger("input_tokens")).isEqualTo(3);
  }

  @Test
  void faultsAndUnknownEvents() throws Exception {
    Socket s = connect();
    s.next();
    s.ws()
        .writeTextMessage("{\"type\":\"response.create\",\"tokens\":4,\"fault\":\"error_event\"}");
    List<String> errored = s.untilDone();
    s.ws().writeTextMessage("{\"type\":\"response.create\",\"tokens\":4,\"fault\":\"failed\"}");
    List<String> failed = s.untilDone();
    s.ws().writeTextMessage("{\"type\":\"input_audio_buffer.append\"}");
    JsonObject unknown = s.next();

    JsonObject error = new JsonObject(errored.get(errored.size() - 1));
    assertThat(error.getString("type")).isEqualTo("error");
    assertThat(error.getJsonObject("error").getString("type")).isEqualTo("server_error");
    JsonObject done = new JsonObject(failed.get(failed.size() - 1)).getJsonObject("response");
    assertThat(done.getString("status")).isEqualTo("failed");
    assertThat(done.getJsonObject("status_details").getString("type")).isEqualTo("failed");
    assertThat(unknown.getJsonObject("error").getString("code")).isEqualTo("unknown_event");
    assertThat(s.ws().isClosed()).isFalse();
  }
}
