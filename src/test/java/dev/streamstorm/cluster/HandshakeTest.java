package dev.streamstorm.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamstorm.engine.Run;
import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Before any load: an agent refuses another version's test, and a coordinator stops waiting. */
class HandshakeTest {
  private final List<String> agentLines = new CopyOnWriteArrayList<>();
  private final List<String> coordinatorLines = new CopyOnWriteArrayList<>();
  private Agent agent;

  @AfterEach
  void leave() throws Exception {
    if (agent != null) {
      agent.shutdown().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void anAgentRefusesATestFromAnotherVersionAndBothSidesSaySo() throws Exception {
    int agentPort = freePort();
    int coordinatorPort = freePort();
    String join = "127.0.0.1:" + agentPort + ",127.0.0.1:" + coordinatorPort;
    agent =
        Agent.start(
                settings(agentPort, join),
                new Agent.Options("old-agent", 1, "0.1.0"),
                agentLines::add)
            .toCompletionStage()
            .toCompletableFuture()
            .get(90, TimeUnit.SECONDS);

    Coordinator c = Coordinator.start(request("0.2.0", coordinatorPort, join, 1, 60));

    assertThatThrownBy(() -> c.completion().get(90, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("agent old-agent")
        .hasMessageContaining("refused the test")
        .hasMessageContaining("runs streamstorm 0.2.0 and this agent runs 0.1.0");
    assertThat(coordinatorLines).anyMatch(l -> l.contains("refused the test"));
    assertThat(agentLines)
        .anyMatch(l -> l.startsWith("agent old-agent joined the cluster"))
        .anyMatch(
            l -> l.contains("refused test") && l.contains("runs streamstorm 0.2.0 and this agent"));
  }

  @Test
  void aCoordinatorWithTooFewAgentsGivesUpAtTheTimeoutAndSaysHowToStartMore() throws Exception {
    int port = freePort();
    Coordinator c = Coordinator.start(request("0.1.0", port, "127.0.0.1:" + port, 2, 2));

    assertThatThrownBy(() -> c.completion().get(90, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("only 0 of 2 agents were ready within 2s")
        .hasMessageContaining("streamstorm agent");
    assertThat(coordinatorLines).anyMatch(l -> l.contains("waiting for 2 agents"));
  }

  private Coordinator.Request request(
      String version, int port, String join, int agents, int timeoutSeconds) {
    Scenario s =
        new ScenarioLoader(name -> null)
            .fromFlags(
                new ScenarioOverrides(
                    Optional.of("http://127.0.0.1:9/v1/chat/completions"),
                    Optional.of("openai-chat"),
                    Optional.empty(),
                    Optional.of(2),
                    Optional.of(Duration.ofSeconds(2)),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of()));
    return new Coordinator.Request(
        agents,
        Duration.ofSeconds(timeoutSeconds),
        settings(port, join),
        null,
        ScenarioOverrides.none(),
        s,
        URI.create("http://127.0.0.1:9"),
        new Run.Config(1, Duration.ofSeconds(1), name -> null, List.of(), MessageLog.NONE),
        version,
        coordinatorLines::add);
  }

  private static ClusterSettings settings(int port, String join) {
    return new ClusterSettings(
        "127.0.0.1", port, 0, List.of(join.split(",")), Optional.empty(), Optional.empty());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
