package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message's three channels, its end and its counts, end to end through the engine against a
 * server that writes exact streams: each path below is one stream. Timings are asserted by order
 * (reasoning, then the tool call, then the answer, 80 ms apart), not by wall-clock windows.
 */
class ChannelsTest {
  private static final long STEP_MS = 80;

  private static Vertx vertx;
  private static HttpServer server;

  @TempDir Path dir;

  /** One event of a scripted stream: its data, written {@code STEP_MS} after the previous one. */
  private record Script(String contentType, Map<String, String> headers, List<String> events) {}

  private static final Map<String, Script> SCRIPTS =
      Map.of(
          "/reasoning",
          sse(
              "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
              "{\"choices\":[{\"delta\":{\"reasoning_content\":\"Let me\"}}]}",
              "{\"choices\":[{\"delta\":{\"reasoning_content\":\" think\"}}]}",
              "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                  + "\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"\"}}]}}]}",
              "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,"
                  + "\"function\":{\"arguments\":\"{}\"}}]}}]}",
              "{\"choices\":[{\"delta\":{\"content\":\"The\"}}]}",
              "{\"choices\":[{\"delta\":{\"content\":\" answer\"}}]}",
              "{\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":9,"
                  + "\"completion_tokens_details\":{\"reasoning_tokens\":5}}}",
              "[DONE]"),
          "/tools-only",
          sse(
              "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                  + "\"function\":{\"name\":\"a\",\"arguments\":\"\"}}]}}]}",
              "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\","
                  + "\"function\":{\"name\":\"b\",\"arguments\":\"\"}}]}}]}",
              "{\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
              "[DONE]"),
          "/truncated",
          sse(
              "{\"choices\":[{\"delta\":{\"content\":\"cut\"}}]}",
              "{\"choices\":[{\"delta\":{\"content\":\" short\"}}]}"),
          "/plain",
          new Script("text/event-stream", Map.of(), List.of("Hello", " wide", " world")),
          "/text-plain",
          new Script("text/plain; charset=utf-8", Map.of(), List.of("Hello", " world")),
          "/per-call-usage",
          sse(
              "{\"type\":\"token\",\"content\":\"a\"}",
              "{\"type\":\"usage\",\"output_tokens\":4,\"llm_calls\":1}",
              "{\"type\":\"token\",\"content\":\"b\"}",
              "{\"type\":\"usage\",\"output_tokens\":6,\"llm_calls\":1}",
              "{\"type\":\"done\"}"),
          "/thinking-no-split",
          new Script(
              "text/event-stream",
              Map.of("X-Usage-Cost-Ms", "12.5"),
              List.of(
                  "{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"thinking_delta\","
                      + "\"thinking\":\"hmm hmm hmm\"}}",
                  "{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\","
                      + "\"text\":\"Hello world\"}}",
                  "{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":40}}",
                  "{\"type\":\"message_stop\"}")));

  private static Script sse(String... events) {
    return new Script("text/event-stream", Map.of(), List.of(events));
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  if (req.path().equals("/mcp")) {
                    mcp(req.getHeader("Mcp-Session-Id"), req.response());
                    return;
                  }
                  Script script = SCRIPTS.get(req.path());
                  HttpServerResponse resp =
                      req.response()
                          .setChunked(true)
                          .putHeader("Content-Type", script.contentType());
                  script.headers().forEach(resp::putHeader);
                  resp.writeHead();
                  write(resp, script.events(), 0);
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  /**
   * An MCP-style session: the first call answers over SSE with the session id in a header, the
   * second must carry it, the message endpoint streams only for a known session.
   */
  private static void mcp(String session, HttpServerResponse resp) {
    if (session == null) {
      resp.putHeader("Content-Type", "text/event-stream")
          .putHeader("Mcp-Session-Id", "sess-42")
          .end(
              "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,"
                  + "\"result\":{\"protocolVersion\":\"2025-06-18\"}}\n\n");
    } else if (session.equals("sess-42")) {
      resp.setStatusCode(202).end();
    } else {
      resp.setStatusCode(404).end();
    }
  }

  private static void write(HttpServerResponse resp, List<String> events, int i) {
    if (i == events.size()) {
      resp.end();
      return;
    }
    vertx.setTimer(
        STEP_MS,
        t -> {
          String data = events.get(i);
          // The parser strips one space after the colon: " wide" arrives as " wide".
          resp.write("data: " + data + "\n\n");
          write(resp, events, i + 1);
        });
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private RunResults run(String yaml) throws Exception {
    Path file = dir.resolve("scenario.yaml");
    String base = "http://127.0.0.1:" + server.actualPort();
    Files.writeString(file, yaml.replace("${BASE}", base));
    Scenario s = new ScenarioLoader(System::getenv).load(file, ScenarioOverrides.none());
    return RunHarness.run(s, URI.create(base));
  }

  @Test
  void reasoningToolCallsAndTheAnswerAreMeasuredApart() throws Exception {
    RunResults r =
        run(
            """
            target: ${BASE}/reasoning
            preset: openai-chat
            load: { vus: 2, iterations: 2 }
            """);
    assertThat(r.messages().ok()).isEqualTo(4);
    double ttfr = r.metrics().get("ttfr").p50();
    double ttfc = r.metrics().get("ttfc").p50();
    double ttft = r.metrics().get("ttft").p50();
    // Reasoning is event 2, the tool call event 4, the answer event 6, STEP_MS apart.
    assertThat(ttfc - ttfr).isGreaterThan(STEP_MS);
    assertThat(ttft - ttfc).isGreaterThan(STEP_MS);
    // Usage says 9 output tokens, 5 of them reasoning: the answer had 4.
    assertThat(r.metrics().get("tokens").max()).isEqualTo(4);
    assertThat(r.metrics().get("reasoning_tokens").max()).isEqualTo(5);
    assertThat(r.metrics().get("tool_calls").max()).isEqualTo(1);
    assertThat(r.metrics().get("input_tokens").max()).isEqualTo(11);
    assertThat(r.tokens().sources()).containsEntry("usage", 4L);
    // tpot counts answer tokens only: (e2e - ttft) over 3 gaps, not over 8.
    assertThat(r.metrics().get("tpot").p50())
        .isGreaterThan((r.metrics().get("e2e").p50() - ttft) / 8 * 1.5);
  }

  @Test
  void aMessageThatOnlyCallsToolsIsOkWithTtfcAndNoTtft() throws Exception {
    RunResults r =
        run(
            """
            target: ${BASE}/tools-only
            preset: openai-chat
            load: { vus: 1, iterations: 2 }
            timeouts: { firstToken: 5s }
            """);
    assertThat(r.messages().ok()).isEqualTo(2);
    assertThat(r.metrics().get("ttft").count()).isZero();
    assertThat(r.metrics().get("ttfc").count()).isEqualTo(2);
    assertThat(r.metrics().get("tool_calls").max()).isEqualTo(2);
  }

  @Test
  void requireDoneFailsAStreamThatEndsBeforeItsMarker() throws Exception {
    String yaml =
        """
        target: ${BASE}/truncated
        preset: openai-chat
        load: { vus: 1, iterations: 2 }
        """;
    assertThat(run(yaml).messages().ok()).isEqualTo(2);
    RunResults strict = run(yaml + "stream: { requireDone: true }\n");
    assertThat(strict.messages().failed()).isEqualTo(2);
    assertThat(strict.errors()).containsEntry("stream_truncated", 2L);
    assertThat(strict.errorSamples().get(0).message()).contains("without its done marker");
  }

  @Test
  void plainTextEventsAreTokensAndTheCloseEndsTheMessage() throws Exception {
    RunResults r =
        run(
            """
            target: ${BASE}/plain
            preset: text
            load: { vus: 1, iterations: 2 }
            """);
    assertThat(r.messages().ok()).isEqualTo(2);
    assertThat(r.metrics().get("chunks").max()).isEqualTo(3);
    // "Hello wide world": three tokens by o200k_base.
    assertThat(r.metrics().get("tokens").max()).isEqualTo(3);
    assertThat(r.tokens().sources()).containsEntry("tokenizer", 2L);
  }

  @Test
  void aResponseThatIsNotAnEventStreamFailsAsProtocolUnlessTheScenarioAcceptsIt() throws Exception {
    String yaml =
        """
        target: ${BASE}/text-plain
        preset: text
        load: { vus: 1, iterations: 2 }
        """;
    RunResults r = run(yaml);
    assertThat(r.errors()).containsEntry("protocol", 2L);
    assertThat(r.errors().rate()).isEqualTo(1.0);
    assertThat(r.errorSamples().get(0).message())
        .contains("not an event stream", "text/plain; charset=utf-8", "data: Hello");
    assertThat(run(yaml + "stream: { requireEventStream: false }\n").messages().ok()).isEqualTo(2);
  }

  @Test
  void sumUsageAddsWhatEachLlmCallReported() throws Exception {
    RunResults r =
        run(
            """
            target: ${BASE}/per-call-usage
            preset: generic
            stream:
              token: /content
              tokenWhen: { json: /type, equals: token }
              done: { json: /type, equals: done }
              tokenCount: { json: /output_tokens, aggregate: sum }
              usage:
                llm_calls: { json: /llm_calls, aggregate: sum }
                last_call: /llm_calls
            load: { vus: 1, iterations: 1 }
            """);
    assertThat(r.metrics().get("tokens").max()).isEqualTo(10);
    assertThat(r.usage().get("llm_calls").max()).isEqualTo(2);
    assertThat(r.usage().get("last_call").max()).isEqualTo(1);
  }

  @Test
  void usageWithoutASplitLeavesTheAnswerToTheTokenizerAndReadsHeaders() throws Exception {
    RunResults r =
        run(
            """
            target: ${BASE}/thinking-no-split
            preset: anthropic-messages
            stream: { usage: { cost: { header: X-Usage-Cost-Ms, unit: ms } } }
            load: { vus: 1, iterations: 1 }
            """);
    assertThat(r.messages().ok()).isEqualTo(1);
    // output_tokens (40) counts thinking too, with no split: "Hello world" is 2 tokens, and
    // "hmm hmm hmm" 4 (o200k_base).
    assertThat(r.metrics().get("tokens").max()).isEqualTo(2);
    assertThat(r.tokens().sources()).containsEntry("tokenizer", 1L);
    assertThat(r.metrics().get("reasoning_tokens").max()).isEqualTo(4);
    assertThat(r.usage().get("cost").unit()).isEqualTo("ms");
    // HdrHistogram keeps three significant digits.
    assertThat(r.usage().get("cost").max()).isCloseTo(12.5, within(0.02));
  }

  @Test
  void aSessionOfTwoStepsReadsAnSseAnswerAndAHeader() throws Exception {
    RunResults r =
        run(
            """
            target: ${BASE}
            preset: openai-chat
            session:
              - request:
                  path: /mcp
                  body: { jsonrpc: "2.0", id: 1, method: initialize }
                extract:
                  session: { header: Mcp-Session-Id }
                  version: /result/protocolVersion
              - request:
                  path: /mcp
                  headers: { Mcp-Session-Id: "${session}" }
                  body: { jsonrpc: "2.0", method: notifications/initialized }
            request: { path: "/reasoning?v=${version}" }
            load: { vus: 2, iterations: 2 }
            """);
    assertThat(r.metrics().get("session").count()).isEqualTo(2);
    assertThat(r.messages().ok()).isEqualTo(4);
  }
}
