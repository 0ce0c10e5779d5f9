package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.engine.HostileServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that echoes every credential it is sent (in a 401 body, in answer text, in an error
 * event), against a run whose secrets come from the environment and from the session set-up: no
 * output the user asked for, and neither stdout nor stderr, contains one. A child JVM, so that the
 * secret is in its real environment.
 */
@Tag("multi-jvm")
class EchoedSecretsTest {
  private static final String ENV_SECRET = "sk-env-7Hq2Lw9Zr4";
  private static final String SESSION_SECRET_PREFIX = "sess-tok-Xy81";

  @TempDir Path dir;

  private static String echo(HttpServerRequest req) {
    return req.getHeader("Authorization") + " / " + req.getHeader("X-Api-Key");
  }

  @Test
  void noOutputHoldsASecretAServerEchoed() throws Exception {
    try (HostileServer server =
        HostileServer.http(
            (req, n, s) -> {
              if (req.path().equals("/sessions")) {
                req.response()
                    .putHeader("Content-Type", "application/json")
                    .end("{\"token\": \"" + SESSION_SECRET_PREFIX + "-" + n + "\"}");
                return;
              }
              String echoed = echo(req).replace("\"", "'");
              switch (n % 3) {
                case 0 ->
                    req.response()
                        .setStatusCode(401)
                        .end("{\"error\": \"invalid credentials: " + echoed + "\"}");
                case 1 ->
                    req.response()
                        .putHeader("Content-Type", "text/event-stream")
                        .end(
                            "data: {\"choices\":[{\"delta\":{\"content\":\"you sent "
                                + echoed
                                + "\"}}]}\n\n"
                                + "data: {\"error\": {\"message\": \"revoked: "
                                + echoed
                                + "\"}}\n\n");
                default ->
                    req.response()
                        .putHeader("Content-Type", "text/event-stream")
                        .end(
                            "data: {\"choices\":[{\"delta\":{\"content\":\"hello "
                                + echoed
                                + "\"}}]}\n\ndata: [DONE]\n\n");
              }
            })) {
      Path scenario =
          Files.writeString(
              dir.resolve("echo.yaml"),
              """
              name: echo
              target: %s
              preset: openai-chat
              session:
                request: { method: POST, path: /sessions }
                extract: { token: /token }
              headers:
                X-Api-Key: "${env:ECHO_SECRET}"
              request:
                headers: { Authorization: "Bearer ${token}" }
              load: { vus: 3, iterations: 4 }
              """
                  .formatted(server.url()));
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "run",
                  scenario.toString(),
                  "--out",
                  dir.resolve("results.json").toString(),
                  "--html",
                  dir.resolve("report.html").toString(),
                  "--csv",
                  dir.resolve("messages.csv").toString(),
                  "--junit",
                  dir.resolve("junit.xml").toString(),
                  "--hlog",
                  dir.resolve("run.hlog").toString(),
                  "--trace",
                  dir.resolve("trace.jsonl").toString(),
                  "--threshold",
                  "errors rate < 1%"));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("ECHO_SECRET", ENV_SECRET);
      Process p = pb.start();
      String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(console).isEqualTo(ExitCodes.THRESHOLD_FAILED);

      // The server did echo them, and the run saw failures that carry the echo.
      JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
      assertThat(results.at("/errors/http_4xx").asLong()).isPositive();
      assertThat(results.at("/errors/protocol").asLong()).isPositive();
      assertThat(results.at("/errorSamples").toString()).contains("***");

      List<Path> outputs;
      try (Stream<Path> files = Files.list(dir)) {
        outputs = files.filter(f -> !f.equals(scenario)).toList();
      }
      assertThat(outputs).hasSizeGreaterThanOrEqualTo(6);
      for (Path f : outputs) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(text).as(f.getFileName().toString()).doesNotContain(ENV_SECRET);
        assertThat(text).as(f.getFileName().toString()).doesNotContain(SESSION_SECRET_PREFIX);
      }
      assertThat(console).doesNotContain(ENV_SECRET).doesNotContain(SESSION_SECRET_PREFIX);
      // The trace shows what the server sent, masked.
      assertThat(Files.readString(dir.resolve("trace.jsonl")))
          .contains("you sent Bearer *** / ***");
    }
  }
}
