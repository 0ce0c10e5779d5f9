package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import picocli.CommandLine;

/**
 * The gate end to end: {@code streamstorm run} against bench-server started in-process on a free
 * port ({@code target: embedded}), short runs, the exit code and the outputs CI reads.
 */
class RunGateTest {
  private static final String SCENARIO =
      """
      name: gate-test
      target: embedded
      preset: openai-chat
      embeddedServer: { ttft: 50ms, itl: 5ms, tokens: 10 }
      load: { vus: 4, duration: %s }
      conversations:
        - name: simple
          turns: ["hi"]
      slo: { ttft: 10s }
      thresholds:
      %s
      """;

  private static final String GENEROUS =
      """
        ttft: ["p95 < 10s"]
        "ttft{conversation:simple}": ["p99 < 10s"]
        errors: ["rate < 1%"]
        goodput: ["ratio > 0.9"]
        http_5xx: ["count == 0"]
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aRunThatMeetsEveryThresholdExitsZero() throws Exception {
    Path scenario = scenario("2s", GENEROUS);
    int code = run(scenario.toString(), "--out", out("r.json"), "--junit", out("junit.xml"));

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    JsonNode r = json.readTree(dir.resolve("r.json").toFile());
    assertThat(r.at("/messages/ok").asLong()).isPositive();
    assertThat(r.at("/thresholds")).hasSize(5);
    for (JsonNode t : r.at("/thresholds")) {
      assertThat(t.at("/pass").asBoolean()).as(t.toString()).isTrue();
      assertThat(t.at("/aborted").asBoolean()).isFalse();
    }
    assertThat(r.at("/thresholds/0/actual").asDouble()).isBetween(50.0, 10_000.0);
    assertThat(r.at("/goodput/ratio").asDouble()).isEqualTo(1.0);
    assertThat(r.at("/byConversation/simple/goodput/good").asLong())
        .isEqualTo(r.at("/messages/ok").asLong());
    Element suites = junit("junit.xml");
    assertThat(suites.getAttribute("tests")).isEqualTo("5");
    assertThat(suites.getAttribute("failures")).isEqualTo("0");
    assertThat(out.toString())
        .containsPattern("✓ pass  ttft p95 < 10s   \\(measured [0-9.,]+ ms\\)")
        .contains("✓ pass  errors rate < 1%   (measured 0.0%)")
        .contains("✓ pass  goodput ratio > 0.9   (measured 100.0%)")
        .doesNotContain("FAIL");
  }

  @Test
  void aFailedThresholdExits99AfterWritingEveryOutput() throws Exception {
    Path scenario = scenario("2s", GENEROUS);
    int code =
        run(
            scenario.toString(),
            "--threshold",
            "ttft p95 < 1ms",
            "--out",
            out("r.json"),
            "--junit",
            out("junit.xml"));

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.THRESHOLD_FAILED);
    JsonNode r = json.readTree(dir.resolve("r.json").toFile());
    assertThat(r.at("/thresholds")).hasSize(6);
    JsonNode failed = r.at("/thresholds/5");
    assertThat(failed.at("/expression").asText()).isEqualTo("p95 < 1ms");
    assertThat(failed.at("/pass").asBoolean()).isFalse();
    assertThat(failed.at("/actual").asDouble()).isGreaterThan(1.0);
    Element suites = junit("junit.xml");
    assertThat(suites.getAttribute("tests")).isEqualTo("6");
    assertThat(suites.getAttribute("failures")).isEqualTo("1");
    assertThat(suites.getElementsByTagName("failure").item(0).getAttributes())
        .satisfies(
            a ->
                assertThat(a.getNamedItem("message").getNodeValue())
                    .startsWith("ttft p95 < 1ms: measured ")
                    .endsWith(" ms"));
    assertThat(out.toString()).contains("✗ FAIL  ttft p95 < 1ms");
  }

  @Test
  void anOutputThatCannotBeWrittenIsFoundBeforeTheRun() throws Exception {
    Path scenario = scenario("2s", GENEROUS);
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    int code =
        run(
            scenario.toString(),
            "--html",
            notADirectory.resolve("report.html").toString(),
            "--junit",
            out("junit.xml"),
            "--quiet");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("report.html").doesNotContain("running");
    assertThat(dir.resolve("junit.xml")).doesNotExist();
  }

  @Test
  void abortOnFailEndsTheRunEarlyAndFailsIt() throws Exception {
    Path scenario =
        scenario(
            "30s",
            """
              ttft: [{ threshold: "max < 1ms", abortOnFail: true, delayAbortEval: 1s }]
              errors: ["rate < 1%"]
            """);
    int code = run(scenario.toString(), "--out", out("r.json"), "--quiet");

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.THRESHOLD_FAILED);
    JsonNode r = json.readTree(dir.resolve("r.json").toFile());
    assertThat(r.at("/run/endReason").asText()).isEqualTo("aborted");
    // A second or two of traffic, then the stop: far from the planned 30 s.
    assertThat(r.at("/run/durationSeconds").asDouble()).isBetween(1.0, 15.0);
    assertThat(r.at("/thresholds/0/aborted").asBoolean()).isTrue();
    assertThat(r.at("/thresholds/0/pass").asBoolean()).isFalse();
    assertThat(r.at("/thresholds/1/aborted").asBoolean()).isFalse();
    assertThat(r.at("/thresholds/1/pass").asBoolean()).isTrue();
    assertThat(out.toString()).contains("ended by aborted").contains("aborted the run");
  }

  @Test
  void aMalformedThresholdIsAScenarioErrorWithItsPosition() throws Exception {
    Path scenario = scenario("2s", "  ttft: [\"p95 2s\"]\n");
    assertThat(run(scenario.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "error: "
                + scenario
                + ":11:15: thresholds.ttft: expected an operator (<, <=, >, >=, ==, !=)\n");
  }

  @Test
  void aMalformedThresholdFlagIsAUsageError() throws Exception {
    Path scenario = scenario("2s", GENEROUS);
    assertThat(run(scenario.toString(), "--threshold", "ttft p95 < 2 parsecs"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .startsWith("error: --threshold 'ttft p95 < 2 parsecs': unexpected 'p' after the value");
  }

  /** Every message fails (bench-server answers 500): the run fails without any threshold. */
  @Test
  void aRunInWhichEveryMessageFailedExitsOneWithoutThresholds() throws Exception {
    Path scenario =
        Files.writeString(
            dir.resolve("broken.yaml"),
            """
            target: embedded
            preset: openai-chat
            request: { path: "/v1/chat/completions?fault=500" }
            embeddedServer: { ttft: 10ms, itl: 1ms, tokens: 3 }
            load: { vus: 2, iterations: 3 }
            """);
    int code = run(scenario.toString(), "--out", out("r.json"));
    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString())
        .contains("error: every message failed (6 of 6)")
        .contains("--exit-on-errors");
    assertThat(json.readTree(dir.resolve("r.json").toFile()).at("/messages/failed").asLong())
        .isEqualTo(6);

    err.getBuffer().setLength(0);
    assertThat(run(scenario.toString(), "--exit-on-errors", "off")).as(err.toString()).isZero();

    Files.writeString(
        scenario, Files.readString(scenario) + "exitOnErrors: off\n", StandardCharsets.UTF_8);
    assertThat(run(scenario.toString())).as(err.toString()).isZero();
  }

  @Test
  void aShareOutsideZeroToOneIsAUsageError() throws Exception {
    Path scenario = scenario("1s", GENEROUS);
    assertThat(run(scenario.toString(), "--exit-on-errors", "150%")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--exit-on-errors: expected a share above 0");
  }

  private Path scenario(String duration, String thresholds) throws Exception {
    return Files.writeString(
        dir.resolve("gate.yaml"), String.format(SCENARIO, duration, thresholds.stripTrailing()));
  }

  private String out(String name) {
    return dir.resolve(name).toString();
  }

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "run";
    System.arraycopy(args, 0, all, 1, args.length);
    return cl.execute(all);
  }

  private Element junit(String name) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(dir.resolve(name).toFile())
        .getDocumentElement();
  }
}
