package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.engine.HostileServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floods of issue 21 at their full size, against streamstorm's default limits, in a child JVM
 * with a 256 MB heap: a 200 MB SSE line that never ends, a WebSocket message in endless 32 KB
 * fragments, a 200 MB session answer. Each ends as too_large, the counts are exact, and the JVM
 * neither runs out of memory nor prints a stack trace.
 */
@Tag("multi-jvm")
class HostileMemoryTest {
  private static final long FLOOD = 200L << 20;

  @TempDir Path dir;

  private JsonNode run(HostileServer server, String scenarioBody, List<String> flags)
      throws Exception {
    Path scenario =
        Files.writeString(
            dir.resolve("flood.yaml"), "target: " + server.url() + "\n" + scenarioBody);
    Path results = dir.resolve("results.json");
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                scenario.toString(),
                "--out",
                results.toString()));
    cmd.addAll(flags);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(console)
        .doesNotContain("OutOfMemoryError")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    // Every message failed: the run fails by itself (exit 1), saying so.
    assertThat(p.exitValue()).as(console).isEqualTo(ExitCodes.FAILURE);
    return new ObjectMapper().readTree(results.toFile());
  }

  @Test
  void a200MegabyteSseLineIsTooLarge() throws Exception {
    Buffer chunk = HostileServer.repeat('x', 32 * 1024);
    try (HostileServer server =
        HostileServer.http(
            (req, n, s) -> {
              HttpServerResponse resp =
                  req.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
              resp.write("data: ");
              s.pump(resp, () -> chunk, FLOOD);
            })) {
      JsonNode r = run(server, "preset: openai-chat\nload: { vus: 2, iterations: 2 }\n", List.of());
      assertThat(r.at("/messages/total").asLong()).isEqualTo(4);
      assertThat(r.at("/messages/failed").asLong()).isEqualTo(4);
      assertThat(r.at("/errors/too_large").asLong()).isEqualTo(4);
      // Cut a little past the 8 MiB limit each time, not read to the flood's end.
      assertThat(server.pumped.get()).isLessThan(4 * (16L << 20));
    }
  }

  @Test
  void aWebSocketMessageInEndless32KbFragmentsIsTooLarge() throws Exception {
    Buffer fragment = HostileServer.repeat('f', 32 * 1024);
    try (HostileServer server =
        HostileServer.webSocket((ws, text, n, s) -> s.pumpFragments(ws, fragment, FLOOD))) {
      JsonNode r =
          run(server, "preset: websocket-json\nload: { vus: 2, iterations: 2 }\n", List.of());
      assertThat(r.at("/messages/total").asLong()).isEqualTo(4);
      assertThat(r.at("/errors/too_large").asLong()).isEqualTo(4);
      assertThat(server.pumped.get()).isLessThan(4 * (32L << 20));
    }
  }

  @Test
  void a200MegabyteSessionAnswerIsTooLarge() throws Exception {
    Buffer chunk = HostileServer.repeat('s', 32 * 1024);
    try (HostileServer server =
        HostileServer.http(
            (req, n, s) -> {
              HttpServerResponse resp =
                  req.response().setChunked(true).putHeader("Content-Type", "application/json");
              resp.write("{\"session_id\": \"");
              s.pump(resp, () -> chunk, FLOOD);
            })) {
      JsonNode r =
          run(
              server,
              """
              preset: openai-chat
              session:
                request: { method: POST, path: /sessions }
                extract: { session_id: /session_id }
              load: { vus: 2, duration: 3s }
              """,
              List.of());
      assertThat(r.at("/messages/total").asLong()).isZero();
      long failed = r.at("/sessions/failed").asLong();
      assertThat(failed).isPositive();
      assertThat(r.at("/sessions/ok").asLong()).isZero();
      assertThat(r.at("/sessions/errors/too_large").asLong()).isEqualTo(failed);
      assertThat(server.pumped.get()).isLessThan(failed * (32L << 20));
    }
  }
}
