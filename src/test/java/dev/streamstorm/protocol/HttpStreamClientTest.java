package dev.streamstorm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.sse.ChunkCopy;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message is over at {@code [DONE]}, before its response ends: the client keeps the connection
 * for the next message when the response ends within the release grace (2 s), and cuts it when it
 * does not.
 */
class HttpStreamClientTest {
  private static final String EVENTS =
      "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: [DONE]\n\n";

  private Vertx vertx;
  private HttpServer server;
  private final AtomicInteger connections = new AtomicInteger();
  private final CompletableFuture<Long> firstClosedAt = new CompletableFuture<>();

  /** How long each response stays open after {@code [DONE]}: by request number, -1 for ever. */
  private volatile long[] endDelaysMs;

  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .connectionHandler(
                c -> {
                  if (connections.incrementAndGet() == 1) {
                    c.closeHandler(v -> firstClosedAt.complete(System.nanoTime()));
                  }
                })
            .requestHandler(
                req -> {
                  long delay = endDelaysMs[Math.min(requests.getAndIncrement(), 1)];
                  HttpServerResponse resp =
                      req.response()
                          .setChunked(true)
                          .putHeader("Content-Type", "text/event-stream");
                  resp.write(EVENTS);
                  if (delay == 0) {
                    resp.end();
                  } else if (delay > 0) {
                    vertx.setTimer(delay, t -> resp.end());
                  }
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
  void aResponseEndingWithinTheGraceKeepsItsConnection() throws Exception {
    endDelaysMs = new long[] {300, 300};

    Context loop = vertx.getOrCreateContext();
    HttpStreamClient client = client(loop);
    for (int i = 0; i < 3; i++) {
      Outcome o = send(loop, client);
      assertThat(o.error).isNull();
      assertThat(o.tokens).isEqualTo(1);
      // Past the response's end (300 ms after [DONE]), well within the grace.
      Thread.sleep(500);
    }

    assertThat(connections.get()).isEqualTo(1);
    assertThat(firstClosedAt).isNotDone();
  }

  @Test
  void aResponseOverstayingTheGraceIsCutAndTheNextMessageConnectsAgain() throws Exception {
    endDelaysMs = new long[] {-1, 0};

    Context loop = vertx.getOrCreateContext();
    HttpStreamClient client = client(loop);
    Outcome first = send(loop, client);
    long closedAt = firstClosedAt.get(10, TimeUnit.SECONDS);

    assertThat(first.error).isNull();
    // Cut by the client 2 s after [DONE]: not before (the timer never fires early), and not much
    // after on an idle event loop.
    assertThat(TimeUnit.NANOSECONDS.toMillis(closedAt - first.doneNs)).isBetween(1_990L, 4_000L);
    Outcome second = send(loop, client);
    assertThat(second.error).isNull();
    assertThat(connections.get()).isEqualTo(2);
  }

  @Test
  void withoutReuseEachMessageHasItsOwnConnectionEvenWhenSentWhileTheLastResponseEnds()
      throws Exception {
    endDelaysMs = new long[] {300, 300};

    Context loop = vertx.getOrCreateContext();
    HttpStreamClient client = client(loop, false);
    for (int i = 0; i < 3; i++) {
      // At once after [DONE], while the previous response still has 300 ms to go: the message
      // waits for it, then goes out on a new connection when the old one is let go.
      Outcome o = send(loop, client);
      assertThat(o.error).isNull();
      assertThat(o.tokens).isEqualTo(1);
    }

    assertThat(connections.get()).isEqualTo(3);
  }

  private HttpStreamClient client(Context loop) throws Exception {
    return client(loop, true);
  }

  private HttpStreamClient client(Context loop, boolean reuse) throws Exception {
    CompletableFuture<HttpStreamClient> c = new CompletableFuture<>();
    loop.runOnContext(
        v ->
            c.complete(
                new HttpStreamClient(
                    vertx.createNetClient(),
                    Endpoint.of(URI.create("http://127.0.0.1:" + server.actualPort())),
                    reuse,
                    5_000,
                    1 << 20,
                    new ChunkCopy(),
                    nanos -> {})));
    return c.get(10, TimeUnit.SECONDS);
  }

  /** One message; complete at {@code [DONE]}, when the user lets go of the exchange. */
  private Outcome send(Context loop, HttpStreamClient client) throws Exception {
    Outcome o = new Outcome();
    loop.runOnContext(
        v ->
            o.exchange =
                client.stream(
                    HttpMethod.POST,
                    "/v1/chat/completions",
                    MultiMap.caseInsensitiveMultiMap(),
                    Buffer.buffer("{}"),
                    StreamInterpreter.compile(SampleStreams.OPENAI_RULES),
                    o));
    return o.over.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static final class Outcome implements ExchangeListener {
    final Promise<Outcome> over = Promise.promise();
    Exchange exchange;
    int tokens;
    long doneNs;
    ErrorClass error;

    @Override
    public void onHead(int status, String retryAfter, long nowNs) {}

    @Override
    public void onEnd(long nowNs) {
      over.tryComplete(this);
    }

    @Override
    public void onFailure(ErrorClass error, String message, long nowNs) {
      this.error = error;
      over.tryComplete(this);
    }

    @Override
    public void onToken(char[] text, int offset, int length, long arrivalNs) {
      tokens++;
    }

    @Override
    public void onUsage(int slot, double value) {}

    @Override
    public void onDone(long arrivalNs) {
      doneNs = System.nanoTime();
      exchange.release();
      over.tryComplete(this);
    }

    @Override
    public void onStreamError(String message, long arrivalNs) {}

    @Override
    public void onMalformed(String reason, long arrivalNs) {
      error = ErrorClass.PROTOCOL;
      over.tryComplete(this);
    }
  }
}
