package dev.streamstorm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.sse.ChunkCopy;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.StreamSpec;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket client against a scripted server: fragmented text messages, pings mid-stream,
 * several messages on one socket, and a close before the end.
 */
class WsStreamClientTest {
  private static final StreamSpec SPEC =
      StreamSpec.builder()
          .token("/content", Match.json("/type", "token"))
          .done(Match.json("/type", "done"))
          .error(Match.json("/type", "error"))
          .build();

  private Vertx vertx;
  private HttpServer server;
  private final AtomicInteger sockets = new AtomicInteger();
  private volatile Consumer<ServerWebSocket> script;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .webSocketHandler(
                ws -> {
                  sockets.incrementAndGet();
                  ws.textMessageHandler(m -> script.accept(ws));
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void fragmentedMessagesArriveWholeAndPingsAreIgnored() throws Exception {
    script =
        ws -> {
          ws.writeFrame(WebSocketFrame.textFrame("{\"type\":\"token\",\"con", false));
          ws.writeFrame(WebSocketFrame.pingFrame(Buffer.buffer("hi")));
          ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("tent\":\"Hel"), false));
          ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("lo\"}"), true));
          ws.writeTextMessage("{\"type\":\"token\",\"content\":\" world\"}");
          ws.writeTextMessage("{\"type\":\"done\"}");
        };
    Recorder r = exchange(1).get(0);
    assertThat(r.tokens).containsExactly("Hello", " world");
    assertThat(r.done).isTrue();
    assertThat(r.failure).isNull();
  }

  /**
   * The frames WsFrameReader passes on still reach Vert.x: it answers the server's ping with a pong
   * carrying the same bytes, and a binary frame between a message's tokens means nothing.
   */
  @Test
  void vertxStillAnswersPingsAndBinaryFramesMeanNothing() throws Exception {
    CompletableFuture<String> pong = new CompletableFuture<>();
    script =
        ws -> {
          ws.pongHandler(b -> pong.complete(b.toString()));
          ws.writeTextMessage("{\"type\":\"token\",\"content\":\"a\"}");
          ws.writeFrame(WebSocketFrame.pingFrame(Buffer.buffer("are you there")));
          ws.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
          ws.writeTextMessage("{\"type\":\"token\",\"content\":\"b\"}");
          ws.writeTextMessage("{\"type\":\"done\"}");
        };
    Recorder r = exchange(1).get(0);
    assertThat(r.tokens).containsExactly("a", "b");
    assertThat(r.done).isTrue();
    assertThat(pong.get(10, TimeUnit.SECONDS)).isEqualTo("are you there");
  }

  @Test
  void severalMessagesShareOneSocket() throws Exception {
    script =
        ws -> {
          ws.writeTextMessage("{\"type\":\"token\",\"content\":\"a\"}");
          ws.writeTextMessage("{\"type\":\"done\"}");
        };
    List<Recorder> rs = exchange(3);
    assertThat(rs).allSatisfy(r -> assertThat(r.done).isTrue());
    assertThat(sockets.get()).isEqualTo(1);
    // A trace sees the upgrade of the message that opened the socket, and only its frames after.
    assertThat(rs.get(0).traced).containsExactly("GET /ws", "head 101 null", "token", "done");
    assertThat(rs.get(1).traced).containsExactly("token", "done");
  }

  @Test
  void aCloseBeforeTheEndBreaksTheStream() throws Exception {
    script =
        ws -> {
          ws.writeTextMessage("{\"type\":\"token\",\"content\":\"a\"}");
          ws.close((short) 1011, "overloaded");
        };
    Recorder r = exchange(1).get(0);
    assertThat(r.failure).isEqualTo(ErrorClass.STREAM_BROKEN);
    assertThat(r.message).contains("1011");
    assertThat(r.tokens).containsExactly("a");
  }

  /** Sends {@code n} messages one after the other on one client, from one event loop. */
  private List<Recorder> exchange(int n) throws Exception {
    Context ctx = vertx.getOrCreateContext();
    Promise<List<Recorder>> all = Promise.promise();
    ctx.runOnContext(
        v -> {
          WsStreamClient client =
              new WsStreamClient(
                  vertx.createWebSocketClient(),
                  Endpoint.of(URI.create("http://127.0.0.1:" + server.actualPort())),
                  5_000,
                  1 << 20,
                  new ChunkCopy(),
                  nanos -> {});
          List<Recorder> done = new ArrayList<>();
          next(client, n, done, all);
        });
    return all.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void next(
      WsStreamClient client, int left, List<Recorder> done, Promise<List<Recorder>> all) {
    if (left == 0) {
      all.complete(done);
      return;
    }
    Recorder r = new Recorder();
    done.add(r);
    r.exchange =
        client.stream(
            "/ws",
            MultiMap.caseInsensitiveMultiMap(),
            "{\"type\":\"message\"}",
            StreamInterpreter.compile(SPEC),
            r);
    r.ended.future().onComplete(x -> next(client, left - 1, done, all));
  }

  private static final class Recorder implements ExchangeListener {
    final List<String> tokens = new ArrayList<>();
    final List<String> traced = new ArrayList<>();
    final Promise<Void> ended = Promise.promise();
    Exchange exchange;
    boolean done;
    ErrorClass failure;
    String message;

    @Override
    public StreamTrace trace() {
      return new StreamTrace() {
        @Override
        public void request(String method, String path) {
          traced.add(method + " " + path);
        }

        @Override
        public void head(int status, String contentType, long nowNs) {
          traced.add("head " + status + " " + contentType);
        }

        @Override
        public void event(
            dev.streamstorm.protocol.sse.SseEvent event,
            StreamInterpreter.EventClass cls,
            long nowNs) {}

        @Override
        public void comment(byte[] utf8, int offset, int length, long nowNs) {}

        @Override
        public void frame(
            byte[] utf8, int offset, int length, StreamInterpreter.EventClass cls, long nowNs) {
          traced.add(cls.id());
        }
      };
    }

    @Override
    public void onHead(int status, String retryAfter, long nowNs) {}

    @Override
    public void onEnd(long nowNs) {
      ended.tryComplete();
    }

    @Override
    public void onFailure(ErrorClass error, String message, long nowNs) {
      failure = error;
      this.message = message;
      ended.tryComplete();
    }

    @Override
    public void onToken(char[] text, int offset, int length, long arrivalNs) {
      tokens.add(new String(text, offset, length));
    }

    @Override
    public void onUsage(int slot, double value) {}

    @Override
    public void onDone(long arrivalNs) {
      done = true;
      exchange.release();
      ended.tryComplete();
    }

    @Override
    public void onStreamError(String message, long arrivalNs) {}

    @Override
    public void onMalformed(String reason, long arrivalNs) {
      failure = ErrorClass.PROTOCOL;
      ended.tryComplete();
    }
  }
}
