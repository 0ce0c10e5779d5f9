package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (what Ctrl-C and CI timeouts send) stops a run gracefully and keeps its outputs. */
@Tag("multi-jvm")
class InterruptTest {
  @TempDir Path dir;
  private Process process;

  @AfterEach
  void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  @Test
  void aTerminatedRunStillWritesItsResults() throws Exception {
    Path results = dir.resolve("results.json");
    String java = ProcessHandle.current().info().command().orElse("java");
    process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "run",
                    "--target",
                    "embedded",
                    "--vus",
                    "5",
                    "--duration",
                    "60s",
                    "--out",
                    results.toString()))
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    // Wait until the load is running.
    String line;
    while ((line = out.readLine()) != null && !line.contains("running")) {
      // skip start-up lines
    }
    assertThat(line).as("the run started").isNotNull();
    Thread.sleep(2_000);
    process.toHandle().destroy(); // SIGTERM, leaving our end of its pipes open
    StringBuilder rest = new StringBuilder();
    while ((line = out.readLine()) != null) {
      rest.append(line).append('\n');
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
    assertThat(process.exitValue()).as(rest.toString()).isEqualTo(ExitCodes.FAILURE);
    assertThat(rest).contains("stopping").contains("ended by interrupted");
    JsonNode json = new ObjectMapper().readTree(results.toFile());
    assertThat(json.path("run").path("endReason").asText()).isEqualTo("interrupted");
    assertThat(json.path("run").path("partial").asBoolean()).isTrue();
    assertThat(json.path("messages").path("ok").asLong()).isPositive();
  }
}
