package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.TraceLog;
import dev.streamstorm.metrics.TraceRecord;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --trace} reproduces the event stream as the WHATWG rules build it, from byte-exact input
 * written in awkward pieces: a byte order mark, CR, LF and CRLF line ends (a CRLF split between two
 * writes), a UTF-8 character split between writes, comments, ids that persist, a retry, multi-line
 * data; every line carries what the rules made of the event, and each message ends with an end
 * line. A secret the scenario uses is masked in what the server echoes.
 */
class TraceTest {
  private static final String SECRET = "sk-test-0123456789abcdef";

  /** The stream, as the writes that send it (each a separate TCP write, 30 ms apart). */
  private static final List<byte[]> WRITES =
      List.of(
          bytes("\uFEFF: hello\r"),
          bytes("\nid: 7\r\nretry: 1500\nevent: delta\ndata: {\"t\":\"caf"),
          new byte[] {(byte) 0xC3},
          concat(new byte[] {(byte) 0xA9}, bytes("\"}\n\n")),
          bytes("data: {\"t\":\"two\"}\r\rdata: {\"a\":\ndata: 1}\n\n"),
          bytes(
              ": keep-alive\n\nevent: error-echo\ndata: {\"echo\":\"Bearer " + SECRET + "\"}\n\n"),
          bytes("data: [DONE]\n\n"));

  private static Vertx vertx;
  private static HttpServer server;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  HttpServerResponse resp =
                      req.response()
                          .setChunked(true)
                          .putHeader("Content-Type", "text/event-stream");
                  resp.writeHead();
                  write(resp, 0);
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  private static void write(HttpServerResponse resp, int i) {
    if (i == WRITES.size()) {
      resp.end();
      return;
    }
    vertx.setTimer(
        30,
        t -> {
          resp.write(Buffer.buffer(WRITES.get(i)));
          write(resp, i + 1);
        });
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theTraceIsTheEventStreamAsTheRulesBuildIt() throws Exception {
    List<TraceRecord> lines = Collections.synchronizedList(new ArrayList<>());
    TraceLog log = lines::add;
    RunResults r =
        run(
            """
            target: ${BASE}
            preset: generic
            headers: { Authorization: "Bearer ${env:TRACE_SECRET}" }
            request: { path: /stream }
            stream:
              token: /t
              tokenWhen: { not: { event: error-echo } }
              done: { data: "[DONE]" }
              tokenizer: chunks
            load: { vus: 1, iterations: 3 }
            """,
            log,
            2);
    assertThat(r.messages().ok()).isEqualTo(3);
    // Two messages traced, not three.
    assertThat(lines).extracting(TraceRecord::message).containsOnly(1L, 2L);
    List<String> first =
        lines.stream().filter(l -> l.message() == 1).map(TraceTest::describe).toList();
    assertThat(first)
        .containsExactly(
            "comment|null|null|null| hello|ignored",
            "event|delta|7|1500|{\"t\":\"caf\u00e9\"}|token",
            "event|message|7|null|{\"t\":\"two\"}|token",
            "event|message|7|null|{\"a\":\n1}|ignored",
            "comment|null|null|null| keep-alive|ignored",
            "event|error-echo|7|null|{\"echo\":\"Bearer ***\"}|ignored",
            "event|message|7|null|[DONE]|done",
            "end|ok|2 tokens");
    // Times run from the send, in order.
    List<Double> times =
        lines.stream().filter(l -> l.message() == 1).map(TraceRecord::tMs).toList();
    assertThat(times).isSorted();
    assertThat(times.get(0)).isPositive();
    assertThat(lines).allSatisfy(l -> assertThat(describe(l)).doesNotContain(SECRET));
  }

  @Test
  void theTraceFileIsJsonLinesWithTheContractsFieldNames() throws Exception {
    Path file = dir.resolve("trace.jsonl");
    try (dev.streamstorm.report.TraceFile trace = new dev.streamstorm.report.TraceFile(file)) {
      run(
          """
          target: ${BASE}
          preset: generic
          request: { path: /stream }
          stream: { token: /t, done: { data: "[DONE]" }, tokenizer: chunks }
          load: { vus: 1, iterations: 1 }
          """,
          trace,
          20);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(8);
    assertThat(lines.get(1))
        .startsWith("{\"message\":1,\"user\":1,\"conversation\":\"default\",\"turn\":1,\"t_ms\":")
        .contains(
            "\"kind\":\"event\",\"type\":\"delta\",\"id\":\"7\",\"retry\":1500,"
                + "\"data\":\"{\\\"t\\\":\\\"café\\\"}\",\"class\":\"token\"}");
    assertThat(lines.get(2)).contains("\"retry\":null");
    assertThat(lines.get(7))
        .doesNotContain("retry")
        .contains("\"kind\":\"end\"", "\"outcome\":\"ok\"", "\"tokens\":2");
  }

  @Test
  void theRequestAndTheResponseHeadArePassedOnButAreNoLinesOfTheTrace() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    run(
        """
        target: ${BASE}
        preset: generic
        request: { path: "/stream?key=${env:TRACE_SECRET}" }
        stream: { token: /t, done: { data: "[DONE]" }, tokenizer: chunks }
        load: { vus: 1, iterations: 1 }
        """,
        headsAndKinds(seen),
        1);
    assertThat(seen.subList(0, 3))
        .containsExactly(
            "request 1 POST /stream?key=***", "head 1 200 text/event-stream true", "comment");
    assertThat(seen).last().isEqualTo("end");
  }

  /**
   * Over HTTP/2 (h2c, bench-server in-process) the request goes out when its stream's headers are
   * written and the head comes with the response's headers: the same lines as over HTTP/1.1, the
   * secret in the path masked the same way.
   */
  @Test
  void overH2cTheRequestAndTheHeadArePassedOnAsOverHttp11() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    RunResults r;
    try (RunHarness bench =
        new RunHarness(Map.of("ttft", "10ms", "itl", "2ms", "tokens", 3, "eventLoops", 1))) {
      r =
          run(
              """
              target: ${BASE}
              preset: openai-chat
              connection: { protocol: h2c }
              request: { path: "/v1/chat/completions?key=${env:TRACE_SECRET}" }
              load: { vus: 1, iterations: 2 }
              """,
              bench.baseUrl(),
              headsAndKinds(seen),
              2);
    }
    assertThat(r.messages().ok()).as("errors %s", r.errorSamples()).isEqualTo(2);
    assertThat(r.run().network().http()).isEqualTo("h2c");
    for (int message = 1; message <= 2; message++) {
      String request = "request " + message + " POST /v1/chat/completions?key=***";
      String head = "head " + message + " 200 text/event-stream true";
      assertThat(seen).containsOnlyOnce(request, head);
      assertThat(seen.indexOf(request)).isLessThan(seen.indexOf(head));
    }
    assertThat(seen.subList(0, 2))
        .containsExactly(
            "request 1 POST /v1/chat/completions?key=***", "head 1 200 text/event-stream true");
    assertThat(seen).allSatisfy(l -> assertThat(l).doesNotContain(SECRET));
  }

  /**
   * A message whose connection is refused still shows its request, before its end, over HTTP/1.1
   * and over HTTP/2 (where the request is otherwise shown when its stream opens).
   */
  @Test
  void aRefusedConnectionStillShowsTheRequest() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    for (String protocol : List.of("http1", "h2c")) {
      List<String> seen = Collections.synchronizedList(new ArrayList<>());
      RunResults r =
          run(
              """
              target: ${BASE}
              preset: openai-chat
              connection: { protocol: %s }
              request: { path: "/v1/chat/completions?key=${env:TRACE_SECRET}" }
              load: { vus: 1, iterations: 1 }
              """
                  .formatted(protocol),
              "http://127.0.0.1:" + closedPort,
              headsAndKinds(seen),
              1);
      assertThat(r.messages().failed()).as(protocol).isEqualTo(1);
      assertThat(seen)
          .as(protocol)
          .containsExactly("request 1 POST /v1/chat/completions?key=***", "end");
    }
  }

  /** A trace that notes each line's kind, and the request and head as they are passed on. */
  private static TraceLog headsAndKinds(List<String> seen) {
    return new TraceLog() {
      @Override
      public void write(TraceRecord line) {
        seen.add(line.kind());
      }

      @Override
      public void request(TraceRecord.Message message, String method, String path) {
        seen.add("request " + message.number() + " " + method + " " + path);
      }

      @Override
      public void head(TraceRecord.Message message, double tMs, int status, String type) {
        seen.add("head " + message.number() + " " + status + " " + type + " " + (tMs > 0));
      }
    };
  }

  private static String describe(TraceRecord line) {
    if (line instanceof TraceRecord.End e) {
      return "end|" + e.outcome() + "|" + e.tokens() + " tokens";
    }
    TraceRecord.Received l = (TraceRecord.Received) line;
    return String.join(
        "|",
        l.kind(),
        String.valueOf(l.type()),
        String.valueOf(l.id()),
        String.valueOf(l.retry()),
        l.data(),
        l.cls());
  }

  private RunResults run(String yaml, TraceLog trace, int traced) throws Exception {
    return run(yaml, "http://127.0.0.1:" + server.actualPort(), trace, traced);
  }

  private RunResults run(String yaml, String base, TraceLog trace, int traced) throws Exception {
    Path file = dir.resolve("scenario.yaml");
    Files.writeString(file, yaml.replace("${BASE}", base));
    Map<String, String> env = Map.of("TRACE_SECRET", SECRET);
    Scenario s = new ScenarioLoader(env::get).load(file, ScenarioOverrides.none());
    return RunHarness.run(s, URI.create(base), trace, traced, env::get);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** é is C3 A9: it is sent split, C3 in one write and A9 at the start of the next. */
  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
