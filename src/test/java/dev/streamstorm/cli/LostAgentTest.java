package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent killed mid-run (SIGKILL: no goodbye): the coordinator notices within seconds, the other
 * agent runs to the end, the results say what was lost, and the exit code comes from the thresholds
 * as usual. The target is the embedded bench-server, which a distributed run starts on the
 * coordinator's cluster host.
 */
@Tag("slow")
class LostAgentTest {
  private static final int DURATION_S = 12;

  @TempDir Path dir;
  private ClusterProcesses cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new ClusterProcesses(dir, 3);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aKilledAgentMakesThePartialResultsSaySoAndTheRunStillEnds() throws Exception {
    Path scenario = dir.resolve("lost.yaml");
    Files.writeString(
        scenario,
        """
        name: lost
        target: embedded
        preset: openai-chat
        embeddedServer: { ttft: 30ms, itl: 5ms, tokens: 10 }
        load: { vus: 6, duration: %ds }
        conversations: [{ name: q, turns: ["hi"] }]
        thinkTime: { min: 50ms, max: 100ms }
        thresholds:
          errors: ["rate < 0.5"]
        """
            .formatted(DURATION_S));
    cluster.agent("a1", 1, dir.resolve("agents"));
    Process doomed = cluster.agent("a2", 2, dir.resolve("agents"));
    Path out = dir.resolve("results.json");
    Process coordinator =
        cluster.start(
            "coordinator",
            "run",
            scenario.toString(),
            "--agents",
            "2",
            "--cluster-port",
            Integer.toString(cluster.port(0)),
            "--join",
            cluster.join(),
            "--out",
            out.toString());
    cluster.awaitLine("a2", "agent a2: test ", Duration.ofSeconds(60), doomed);
    Thread.sleep(4_000);
    long killedNs = System.nanoTime();

    doomed.destroyForcibly();

    int code = cluster.await("coordinator", coordinator, Duration.ofSeconds(DURATION_S + 60));
    String log = cluster.err("coordinator");
    assertThat(code).as(log).isZero();
    assertThat((System.nanoTime() - killedNs) / 1e9)
        .as("ended with the planned duration, not hung")
        .isLessThan(DURATION_S + 30);
    assertThat(log).contains("agent a2 lost at", "the results will be partial");
    JsonNode r = new ObjectMapper().readTree(out.toFile());
    assertThat(r.at("/run/partial").asBoolean()).isTrue();
    assertThat(r.at("/run/endReason").asText()).isEqualTo("duration");
    JsonNode lost = r.at("/run/lost");
    assertThat(lost).hasSize(1);
    assertThat(lost.get(0).path("agent").asText()).isEqualTo("a2");
    assertThat(lost.get(0).path("reason").asText()).isNotBlank();
    assertThat(lost.get(0).path("share").path("vus").asInt()).isEqualTo(3);
    assertThat(lost.get(0).path("atSeconds").asDouble()).isBetween(1.0, (double) DURATION_S);
    assertThat(r.at("/messages/ok").asLong()).isPositive();
    assertThat(r.at("/thresholds/0/pass").asBoolean()).isTrue();
    JsonNode agents = r.at("/generator/agents");
    assertThat(agents).hasSize(2);
    for (JsonNode a : agents) {
      assertThat(a.path("lost").asBoolean()).isEqualTo(a.path("name").asText().equals("a2"));
      assertThat(a.path("messages").asLong()).isPositive();
    }
  }
}
