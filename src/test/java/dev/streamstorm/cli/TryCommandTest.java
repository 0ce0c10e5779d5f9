package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.BenchServer;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.protocol.SampleStreams;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamstorm try} through the command line, against bench-server and against a scripted
 * server that answers any request with a fixed response per path (an Anthropic stream, plain text,
 * tool calls only, an echo of the request's Authorization header, an HTTP 500).
 */
class TryCommandTest {
  private static final String SECRET = "sk-try-0123456789abcdef";

  private static BenchServer bench;
  private static Vertx vertx;
  private static HttpServer scripted;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() throws Exception {
    bench =
        BenchServer.start(
                null,
                BenchServerConfig.fromMap(Map.of("ttft", "20ms", "itl", "2ms", "tokens", 8)),
                "127.0.0.1",
                0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    vertx = Vertx.vertx();
    scripted =
        vertx
            .createHttpServer()
            .requestHandler(TryCommandTest::answer)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    bench.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void answer(HttpServerRequest req) {
    var resp = req.response();
    switch (req.path()) {
      case "/anthropic" ->
          resp.putHeader("Content-Type", "text/event-stream").end(SampleStreams.ANTHROPIC_MESSAGES);
      case "/plain" -> resp.putHeader("Content-Type", "text/plain").end("Hello there\n");
      case "/tools" ->
          resp.putHeader("Content-Type", "text/event-stream")
              .end(
                  "data: {\"type\":\"tool_call\",\"name\":\"lookup\"}\n\n"
                      + "data: {\"type\":\"tool_result\",\"content\":\"shipped\"}\n\n"
                      + "data: {\"type\":\"done\"}\n\n");
      case "/echo" ->
          resp.putHeader("Content-Type", "text/event-stream")
              .end(
                  "data: {\"t\":\"you sent "
                      + req.getHeader("Authorization")
                      + "\"}\n\ndata: {\"type\":\"done\"}\n\n");
      case "/hang" -> {
        // One role chunk, then nothing: the stream stays open.
        resp.setChunked(true).putHeader("Content-Type", "text/event-stream");
        resp.write("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n");
      }
      default -> resp.setStatusCode(500).end("{\"error\":\"overloaded\"}");
    }
  }

  private int tryIt(String... args) {
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "try";
    System.arraycopy(args, 0, all, 1, args.length);
    return cl.execute(all);
  }

  private Path scenario(String yaml) throws Exception {
    Path file = dir.resolve("scenario.yaml");
    Files.writeString(
        file,
        yaml.replace("${BENCH}", bench.baseUrl())
            .replace("${SCRIPTED}", "http://127.0.0.1:" + scripted.actualPort()));
    return file;
  }

  @Test
  void aWrongTokenPointerExits1AndNamesThePointerAndWhatTheEventsHeld() throws Exception {
    Path file =
        scenario(
            """
            target: ${BENCH}
            preset: openai-chat
            stream: { token: /choices/0/delta/text }
            conversations: [ { name: question, turns: ["What are your business hours?"] } ]
            """);
    assertThat(tryIt(file.toString(), "--no-color")).as(out + "\n" + err).isEqualTo(1);
    assertThat(out.toString())
        .contains("── question")
        .contains("POST /v1/chat/completions")
        .contains("HTTP 200 text/event-stream")
        .contains("✗ 0 answer tokens: 12 events, none had a string at /choices/0/delta/text")
        .contains("the server's usage says 8")
        .contains("/choices/0/delta/text: absent in 11")
        .contains("1 event was not JSON, such as \"[DONE]\"")
        .contains("strings that change from event to event: /choices/0/delta/content (in 8 events")
        .contains("the first: message {\"id\":\"chatcmpl-")
        .contains("✗ 1 of 1 did not answer: question");
  }

  @Test
  void aFilterThatNeverHoldsSaysSoAndShowsTheTypesThatCame() throws Exception {
    Path file =
        scenario(
            """
            target: ${BENCH}
            preset: generic
            session:
              request: { method: POST, path: /api/sessions, body: { user_id: "u-${vu}" } }
              extract: { session_id: /session_id }
            request: { path: "/api/sessions/${session_id}/messages", body: { content: "${message}" } }
            stream:
              token: /content
              tokenWhen: { json: /type, equals: delta }
              done: { json: /type, equals: done }
            conversations: [ { name: q, turns: ["What are your business hours?"] } ]
            """);
    assertThat(tryIt(file.toString())).as(out + "\n" + err).isEqualTo(1);
    assertThat(out.toString())
        .contains("session  POST /api/sessions: ok in")
        .containsPattern("POST /api/sessions/[^/ ]+/messages")
        .contains("tokenWhen (/type == \"delta\") held for none of them")
        .contains("values at /type: \"token\" ×8, \"usage\" ×1, \"done\" ×1");
  }

  @Test
  void withTargetAloneItNamesThePresetThatReadsTheAnswer() throws Exception {
    int code = tryIt("--target", "http://127.0.0.1:" + scripted.actualPort() + "/anthropic");
    assertThat(code).as("openai-chat read no token: " + out).isEqualTo(1);
    assertThat(out.toString())
        .contains("no preset given: one openai-chat over sse request")
        .contains("POST /anthropic")
        .contains(
            "preset   this looks like anthropic-messages: 4 answer tokens, its done rule (event"
                + " message_stop) matched;"
                + " run with --preset anthropic-messages")
        .contains("anthropic-messages 4 tokens, done");
  }

  @Test
  void withTargetAloneAnAnswerThatIsNoEventStreamSaysSo() throws Exception {
    assertThat(tryIt("--target", "http://127.0.0.1:" + scripted.actualPort() + "/plain"))
        .isEqualTo(1);
    assertThat(out.toString())
        .contains("HTTP 200 text/plain")
        .contains("result   protocol: not an event stream: HTTP 200 with Content-Type text/plain")
        .contains("✗ failed: protocol")
        .contains(
            "preset   no preset fits: not an event stream: HTTP 200 with Content-Type text/plain:"
                + " Hello there");
  }

  @Test
  void withTargetAloneARefusedRequestSaysWhyAndWhosePathItIs() throws Exception {
    assertThat(tryIt("--target", bench.baseUrl() + "/v1/messages")).isEqualTo(1);
    assertThat(out.toString())
        .contains("HTTP 400")
        .contains("✗ failed: http_4xx")
        .contains("no preset fits: the server answered HTTP 400:")
        .contains("max_tokens")
        .contains("/v1/messages is where anthropic-messages sends")
        .contains("try --preset anthropic-messages");
  }

  @Test
  void withTargetAloneAnOpenAiServerIsConfirmed() throws Exception {
    assertThat(tryIt("--target", bench.baseUrl())).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("✓ ok: 8 answer tokens, ended by its done rule")
        .contains(
            "this is openai-chat, the preset it was tried with: 8 answer tokens, its done rule"
                + " (data \"[DONE]\") matched");
  }

  @Test
  void overH2cTheRequestAndTheHeadShowAsOverHttp11() throws Exception {
    Path file =
        scenario(
            """
            target: ${BENCH}
            preset: openai-chat
            connection: { protocol: h2c }
            """);
    assertThat(tryIt(file.toString(), "--no-color")).as(out + "\n" + err).isZero();
    assertThat(out.toString())
        .contains("openai-chat over sse over h2c · one user")
        .contains("POST /v1/chat/completions")
        .contains("HTTP 200 text/event-stream")
        .contains("✓ ok: 8 answer tokens, ended by its done rule");
  }

  @Test
  void aReplyThatOnlyCallsToolsAnswers() throws Exception {
    Path file =
        scenario(
            """
            target: ${SCRIPTED}
            preset: generic
            request: { path: /tools }
            stream:
              token: /content
              tokenWhen: { json: /type, equals: token }
              toolCall: { start: { json: /type, equals: tool_call }, when: { json: /type, equals: tool_result } }
              done: { json: /type, equals: done }
            """);
    assertThat(tryIt(file.toString())).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("tool      2 events, 1 call")
        .contains("✓ ok: a tool-only reply: 1 tool call and no answer text");
  }

  @Test
  void aFailedSessionSetUpEndsTheTryAtOnce() throws Exception {
    Path file =
        scenario(
            """
            target: ${BENCH}
            preset: generic
            session: { request: { path: /no-such-sessions }, extract: { id: /id } }
            request: { path: "/api/sessions/${id}/messages", body: { content: "${message}" } }
            stream: { token: /content }
            """);
    long start = System.nanoTime();
    assertThat(tryIt(file.toString())).isEqualTo(1);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
    assertThat(out.toString())
        .contains("session  POST /no-such-sessions: failed: session set-up: HTTP 404")
        .contains("✗ not sent: its session set-up failed");
  }

  @Test
  void anHttpErrorFails() throws Exception {
    Path file =
        scenario(
            """
            target: ${SCRIPTED}
            preset: openai-chat
            request: { path: /overloaded }
            """);
    assertThat(tryIt(file.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains("HTTP 500")
        .contains("result   http_5xx: HTTP 500: {\"error\":\"overloaded\"}")
        .contains("✗ failed: http_5xx");
  }

  @Test
  void aMessageThatTimesOutSaysWhatItSawBefore() throws Exception {
    Path file =
        scenario(
            """
            target: ${SCRIPTED}
            preset: openai-chat
            request: { path: /hang }
            timeouts: { firstToken: 300ms, message: 2s }
            """);
    assertThat(tryIt(file.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains("result   timeout_first_token: nothing on any channel")
        .contains(
            "✗ timeout_first_token and 0 answer tokens: 1 event, none had a string at"
                + " /choices/0/delta/content")
        .contains("/choices/0/delta/content: absent in 1");
  }

  @Test
  void secretsAreMasked() throws Exception {
    Path file =
        scenario(
            """
            target: ${SCRIPTED}
            preset: generic
            headers: { Authorization: "Bearer ${SECRET}" }
            request: { path: /echo }
            stream: { token: /t, done: { json: /type, equals: done } }
            """
                .replace("${SECRET}", SECRET));
    assertThat(tryIt(file.toString())).as(out.toString()).isZero();
    assertThat(out.toString()).contains("you sent ***").doesNotContain(SECRET);
  }

  @Test
  void coloursOnlyWhenAsked() throws Exception {
    String target = bench.baseUrl();
    assertThat(tryIt("--target", target, "--preset", "openai-chat", "--no-color")).isZero();
    assertThat(out.toString()).doesNotContain("\033[");
    out.getBuffer().setLength(0);
    assertThat(tryIt("--target", target, "--preset", "openai-chat", "--color")).isZero();
    assertThat(out.toString()).contains("\033[32m✓ ok").contains("\033[0m");
  }

  @Test
  void badUsageExits2() throws Exception {
    assertThat(tryIt("--target", bench.baseUrl(), "--events", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--events");
    Path file = scenario("target: ${BENCH}\npreset: openai-chat\nstream: { token: nope }\n");
    assertThat(tryIt(file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(file + ":3:");
  }
}
