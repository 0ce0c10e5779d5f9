package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.TraceLog;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Content-Encoding: gzip} and {@code deflate} against a server this test starts, which
 * compresses an SSE stream event by event (a sync flush after each, each flush its own chunk
 * written {@link #GAP_MS} apart) and sends zip bombs: an SSE "event" and a session answer that
 * inflate far past stream.maxEventBytes and connection.maxBodyBytes from a few hundred KB.
 */
class CompressionTest {
  static final int TOKENS = 5;
  static final long GAP_MS = 20;

  /** 256 MiB of one letter after "data: ", never a newline: 8 MiB is the event limit. */
  static byte[] sseBomb;

  /** A JSON string of 256 MiB: 16 MiB is the body limit of a session call. */
  static byte[] jsonBomb;

  @TempDir static Path dir;
  static Vertx vertx;
  static HttpServer server;
  static volatile long gapMs = GAP_MS;

  @BeforeAll
  static void start() throws Exception {
    sseBomb = gzipRepeated("data: ", 'a', 256 << 20, "\n\n");
    jsonBomb = gzipRepeated("{\"session_id\":\"", 'b', 256 << 20, "\"}");
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(CompressionTest::handle)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void handle(HttpServerRequest req) {
    req.body()
        .onSuccess(
            b -> {
              HttpServerResponse resp = req.response().setChunked(true);
              String encoding = req.path().substring(1);
              switch (encoding) {
                case "gzip", "deflate", "raw-deflate" -> stream(resp, encoding);
                case "bomb" -> send(resp, "gzip", "text/event-stream", sseBomb);
                case "session" ->
                    send(
                        resp,
                        "gzip",
                        "application/json",
                        gzip("{\"session_id\":\"s-1\"}".getBytes(StandardCharsets.UTF_8)));
                case "session-bomb" -> send(resp, "gzip", "application/json", jsonBomb);
                case "br" -> send(resp, "br", "text/event-stream", new byte[] {1, 2, 3});
                case "corrupt" ->
                    send(resp, "gzip", "text/event-stream", "not gzip at all".getBytes());
                default -> resp.setStatusCode(404).end();
              }
            });
  }

  /** TOKENS token events and [DONE], each compressed and flushed on its own, GAP_MS apart. */
  private static void stream(HttpServerResponse resp, String encoding) {
    resp.putHeader("Content-Type", "text/event-stream")
        .putHeader("Content-Encoding", encoding.equals("raw-deflate") ? "deflate" : encoding);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream z;
    try {
      z =
          switch (encoding) {
            case "gzip" -> new GZIPOutputStream(sink, true);
            case "deflate" -> new DeflaterOutputStream(sink, true);
            default ->
                new DeflaterOutputStream(
                    sink, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
          };
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    writeEvent(resp, z, sink, 0);
  }

  private static void writeEvent(
      HttpServerResponse resp, OutputStream z, ByteArrayOutputStream sink, int i) {
    try {
      String event =
          i < TOKENS
              ? "data: {\"choices\":[{\"delta\":{\"content\":\" hello\"}}]}\n\n"
              : "data: [DONE]\n\n";
      z.write(event.getBytes(StandardCharsets.UTF_8));
      if (i == TOKENS) {
        z.close();
      } else {
        z.flush();
      }
      resp.write(Buffer.buffer(sink.toByteArray()));
      sink.reset();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (i == TOKENS) {
      resp.end();
    } else {
      vertx.setTimer(gapMs, t -> writeEvent(resp, z, sink, i + 1));
    }
  }

  /** Sends {@code body} in 16 KB chunks, each after the last drained: a bomb at its own pace. */
  private static void send(HttpServerResponse resp, String encoding, String type, byte[] body) {
    resp.putHeader("Content-Type", type).putHeader("Content-Encoding", encoding);
    sendFrom(resp, body, 0);
  }

  private static void sendFrom(HttpServerResponse resp, byte[] body, int from) {
    if (resp.closed()) {
      return;
    }
    int to = Math.min(body.length, from + 16 * 1024);
    resp.write(Buffer.buffer(java.util.Arrays.copyOfRange(body, from, to)))
        .onSuccess(
            v -> {
              if (to == body.length) {
                resp.end();
              } else {
                sendFrom(resp, body, to);
              }
            });
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  static byte[] gzipRepeated(String head, char c, int count, String tail) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16)) {
      z.write(head.getBytes(StandardCharsets.UTF_8));
      byte[] block = new byte[1 << 20];
      java.util.Arrays.fill(block, (byte) c);
      for (int n = 0; n < count; n += block.length) {
        z.write(block, 0, Math.min(block.length, count - n));
      }
      z.write(tail.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static RunResults run(String yaml, MessageLog log) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("compression.yaml"),
            "target: http://127.0.0.1:" + server.actualPort() + "\npreset: openai-chat\n" + yaml);
    Scenario s = new ScenarioLoader(System::getenv).load(file, ScenarioOverrides.none());
    URI url = s.target().url().orElseThrow();
    return RunHarness.run(s, url, log, TraceLog.NONE, 0, System::getenv);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gzip", "deflate", "raw-deflate"})
  void aCompressedStreamIsReadEventByEvent(String encoding) throws Exception {
    RunResults r =
        run(
            "request: { path: /" + encoding + " }\nload: { vus: 2, iterations: 3 }\n",
            MessageLog.NONE);
    assertThat(r.messages().failed()).as("errors %s", r.errorSamples()).isZero();
    assertThat(r.messages().ok()).isEqualTo(6);
    assertThat(r.metrics().get("tokens").min()).isEqualTo(TOKENS);
    assertThat(r.metrics().get("itl").count()).isEqualTo(6L * (TOKENS - 1));
  }

  @Test
  void overHttp2TooACompressedStreamIsReadAndABombEndsAsTooLarge() throws Exception {
    RunResults r =
        run(
            "connection: { protocol: h2c }\nrequest: { path: /gzip }\nload: { vus: 2, iterations: 2 }\n",
            MessageLog.NONE);
    assertThat(r.messages().ok()).as("errors %s", r.errorSamples()).isEqualTo(4);
    assertThat(r.metrics().get("tokens").min()).isEqualTo(TOKENS);
    RunResults bomb =
        run(
            "connection: { protocol: h2c }\nrequest: { path: /bomb }\nload: { vus: 2, iterations: 2 }\n"
                + "timeouts: { firstToken: 20s, message: 30s }\n",
            MessageLog.NONE);
    assertThat(bomb.errors()).containsEntry("too_large", 4L);
  }

  @Test
  void aCompressedSessionAnswerIsDecoded() throws Exception {
    RunResults r =
        run(
            "request: { path: \"/gzip?s=${sid}\" }\n"
                + "session: { request: { path: /session }, extract: { sid: /session_id } }\n"
                + "load: { vus: 1, iterations: 1 }\n",
            MessageLog.NONE);
    assertThat(r.sessions().failed()).isZero();
    assertThat(r.messages().ok()).isEqualTo(1);
  }

  @Test
  void aZipBombEventEndsAsTooLargeAndTheRunGoesOn() throws Exception {
    assertThat(sseBomb.length).isLessThan(1 << 20);
    RunResults r =
        run(
            "request: { path: /bomb }\nload: { vus: 2, iterations: 2 }\n"
                + "timeouts: { firstToken: 20s, message: 30s }\n",
            MessageLog.NONE);
    assertThat(r.messages().total()).isEqualTo(4);
    assertThat(r.errors()).containsEntry("too_large", 4L);
    assertThat(r.errorSamples())
        .allSatisfy(s -> assertThat(s.message()).contains("stream.maxEventBytes (8 MiB)"));
  }

  @Test
  void aZipBombSessionAnswerStopsAtMaxBodyBytes() throws Exception {
    RunResults r =
        run(
            "session: { request: { path: /session-bomb }, extract: { sid: /session_id } }\n"
                + "load: { vus: 1, duration: 3s }\n",
            MessageLog.NONE);
    assertThat(r.sessions().failed()).isPositive();
    assertThat(r.messages().total()).isZero();
    assertThat(r.errorSamples())
        .anySatisfy(
            s -> assertThat(s.message()).contains("grew past connection.maxBodyBytes (16 MiB)"));
  }

  @Test
  void anEncodingNotDecodedOrACorruptBodyIsAProtocolError() throws Exception {
    RunResults br =
        run("request: { path: /br }\nload: { vus: 1, iterations: 2 }\n", MessageLog.NONE);
    assertThat(br.errors()).containsEntry("protocol", 2L);
    assertThat(br.errorSamples())
        .allSatisfy(s -> assertThat(s.message()).contains("Content-Encoding br is not supported"));
    RunResults corrupt =
        run("request: { path: /corrupt }\nload: { vus: 1, iterations: 2 }\n", MessageLog.NONE);
    assertThat(corrupt.errors()).containsEntry("protocol", 2L);
    assertThat(corrupt.errorSamples())
        .allSatisfy(s -> assertThat(s.message()).contains("the gzip body does not decode"));
  }

  /**
   * Each event is timed when its own compressed chunk arrives, not when the body ends: with events
   * 200 ms apart, the first token comes at least 500 ms before the message's end (800 ms of gaps
   * after it on the server; 300 ms of slack for a loaded machine delaying the first stamp).
   */
  @Test
  @Tag("timing")
  void eachCompressedEventIsTimedWhenItsChunkArrives() throws Exception {
    gapMs = 200;
    try {
      List<MessageOutcome> seen = new CopyOnWriteArrayList<>();
      RunResults r =
          run(
              "request: { path: /gzip }\nload: { vus: 1, iterations: 2 }\n",
              (o, start) -> seen.add(o));
      assertThat(r.messages().ok()).isEqualTo(2);
      assertThat(seen)
          .hasSize(2)
          .allSatisfy(
              o ->
                  assertThat(TimeUnit.NANOSECONDS.toMillis(o.endNs() - o.firstTokenNs()))
                      .isGreaterThanOrEqualTo(500));
    } finally {
      gapMs = GAP_MS;
    }
  }
}
