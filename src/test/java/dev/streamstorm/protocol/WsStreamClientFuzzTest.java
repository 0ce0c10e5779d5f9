package dev.streamstorm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.sse.ChunkCopy;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.scenario.Preset;
import dev.streamstorm.scenario.PresetRules;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrame;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes as one WebSocket message, cut into fragments at any points (pings between them), from a
 * server on 127.0.0.1 to {@link WsStreamClient}: the message reaches the interpreter whole, so the
 * calls the listener hears are those of the interpreter given the bytes at once, then the end the
 * server sends after them; or the message fails as too_large past the client's limit, or (not
 * UTF-8) as the socket's error. Every message ends one way or the other. A new socket per message,
 * so that nothing of one reaches the next.
 *
 * <p>Input layout: the message, then from the input's end one byte for the preset, one for the
 * number of cuts (0 to 5), two for each cut, one for the pings.
 */
class WsStreamClientFuzzTest {

  private static final int MAX_MESSAGE_BYTES = 2048;
  private static final List<Preset> PRESETS =
      List.of(Preset.WEBSOCKET_JSON, Preset.OPENAI_REALTIME);
  private static final List<StreamInterpreter> INTERPRETERS =
      PRESETS.stream().map(p -> StreamInterpreter.compile(PresetRules.stream(p))).toList();
  private static final List<String> ENDS =
      List.of(
          "{\"type\":\"done\"}", "{\"type\":\"response.done\",\"response\":{\"status\":\"ok\"}}");

  private static Vertx vertx;
  private static HttpServer server;
  private static Context context;
  private static WsStreamClient client;

  /** The frames the server answers the next message with. */
  private static volatile List<WebSocketFrame> script = List.of();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .webSocketHandler(ws -> ws.textMessageHandler(m -> script.forEach(ws::writeFrame)))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    context = vertx.getOrCreateContext();
    client =
        new WsStreamClient(
            vertx.createWebSocketClient(
                new WebSocketClientOptions()
                    .setMaxFrameSize(MAX_MESSAGE_BYTES)
                    .setMaxMessageSize(MAX_MESSAGE_BYTES)),
            Endpoint.of(URI.create("http://127.0.0.1:" + server.actualPort())),
            5_000,
            MAX_MESSAGE_BYTES,
            new ChunkCopy(),
            nanos -> {});
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @FuzzTest(maxDuration = "10m")
  void fragmentsReachTheInterpreterWhole(FuzzedDataProvider input) throws Exception {
    int preset = input.consumeInt(0, PRESETS.size() - 1);
    int[] cuts = new int[input.consumeInt(0, 5)];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = input.consumeInt(0, 0xFFFF);
    }
    boolean pings = input.consumeBoolean();
    byte[] message = input.consumeRemainingAsBytes();
    arrivesWhole(PRESETS.get(preset), message, cuts, pings);
  }

  static void arrivesWhole(Preset preset, byte[] message, int[] cuts, boolean pings)
      throws Exception {
    int p = PRESETS.indexOf(preset);
    CallLog direct = new CallLog();
    INTERPRETERS.get(p).onTextFrame(message, 0, message.length, 0L, direct);
    script = frames(message, cuts, pings, ENDS.get(p));

    // The event loop reads with a copy of its own, as a run's loops do.
    CallLog heard = exchange(INTERPRETERS.get(p).forThisLoop());

    String shown = new String(message, StandardCharsets.UTF_8);
    if (message.length > MAX_MESSAGE_BYTES) {
      assertThat(heard.failure).as("%d bytes", message.length).isEqualTo(ErrorClass.TOO_LARGE);
      assertThat(heard.calls).isEmpty();
    } else if (heard.failure != null && !isUtf8(message)) {
      assertThat(heard.failure).isEqualTo(ErrorClass.STREAM_BROKEN);
      assertThat(heard.calls).isEmpty();
    } else {
      List<String> expected = new ArrayList<>(direct.calls);
      if (!direct.ended()) {
        expected.add("done");
      }
      assertThat(heard.failure).as("failure on %s: %s", shown, heard.message).isNull();
      assertThat(heard.calls).as("calls on %s", shown).isEqualTo(expected);
    }
  }

  /** The message as a text frame, or cut into fragments (pings between them), then the end. */
  private static List<WebSocketFrame> frames(
      byte[] message, int[] cuts, boolean pings, String end) {
    List<WebSocketFrame> frames = new ArrayList<>();
    if (cuts.length == 0 && isUtf8(message)) {
      frames.add(WebSocketFrame.textFrame(new String(message, StandardCharsets.UTF_8), true));
    } else {
      // A text frame starts the message; its bytes come in continuation frames, each cut anywhere
      // (inside a UTF-8 sequence too: only the whole message must be UTF-8).
      frames.add(WebSocketFrame.textFrame("", false));
      int[] at = cuts.clone();
      for (int i = 0; i < at.length; i++) {
        at[i] = message.length == 0 ? 0 : at[i] % (message.length + 1);
      }
      Arrays.sort(at);
      int from = 0;
      for (int i = 0; i <= at.length; i++) {
        int to = i < at.length ? at[i] : message.length;
        if (pings) {
          frames.add(WebSocketFrame.pingFrame(Buffer.buffer("p")));
        }
        frames.add(
            WebSocketFrame.continuationFrame(
                Buffer.buffer(Arrays.copyOfRange(message, from, to)), i == at.length));
        from = to;
      }
    }
    frames.add(WebSocketFrame.textFrame(end, true));
    return frames;
  }

  /** One message on a new socket, on the client's event loop; what its listener heard. */
  private static CallLog exchange(StreamInterpreter interpreter) throws Exception {
    CallLog log = new CallLog();
    context.runOnContext(
        v ->
            client
                .close()
                .onComplete(
                    closed -> {
                      log.exchange =
                          client.stream(
                              "/ws",
                              MultiMap.caseInsensitiveMultiMap(),
                              "{\"type\":\"message\"}",
                              interpreter,
                              log);
                    }));
    log.ended.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return log;
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The calls one message's listener heard (a StreamSink's, written down), and how it ended. */
  private static final class CallLog implements ExchangeListener {
    final List<String> calls = new ArrayList<>();
    final Promise<Void> ended = Promise.promise();
    Exchange exchange;
    ErrorClass failure;
    String message;

    /** Whether the calls end the message: done, an error in the stream, or malformed data. */
    boolean ended() {
      return !calls.isEmpty()
          && (calls.get(calls.size() - 1).equals("done")
              || calls.get(calls.size() - 1).startsWith("error:")
              || calls.get(calls.size() - 1).startsWith("malformed:"));
    }

    private void end() {
      if (exchange != null) {
        exchange.cancel();
      }
      ended.tryComplete();
    }

    @Override
    public void onHead(int status, String retryAfter, long nowNs) {}

    @Override
    public void onEnd(long nowNs) {
      end();
    }

    @Override
    public void onFailure(ErrorClass error, String message, long nowNs) {
      failure = error;
      this.message = message;
      ended.tryComplete();
    }

    @Override
    public void onToken(char[] text, int offset, int length, long arrivalNs) {
      calls.add("token:" + new String(text, offset, length));
    }

    @Override
    public void onReasoning(char[] text, int offset, int length, long arrivalNs) {
      calls.add("reasoning:" + new String(text, offset, length));
    }

    @Override
    public void onToolCall(long arrivalNs) {
      calls.add("tool");
    }

    @Override
    public void onUsage(int slot, double value) {
      calls.add("usage" + slot + "=" + value);
    }

    @Override
    public void onDone(long arrivalNs) {
      calls.add("done");
      end();
    }

    @Override
    public void onStreamError(String message, long arrivalNs) {
      calls.add("error:" + message);
      end();
    }

    @Override
    public void onMalformed(String reason, long arrivalNs) {
      calls.add("malformed:" + reason);
      end();
    }
  }
}
