package dev.streamstorm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.engine.SocketBudget;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {

  @TempDir Path dir;

  private Scenario load(Workload w) throws Exception {
    Path file = dir.resolve("bench.yaml");
    Files.writeString(file, w.scenarioYaml(URI.create("http://127.0.0.1:8080"), "b1", 12, 60));
    return new ScenarioLoader(name -> null).load(file, ScenarioOverrides.none());
  }

  @Test
  void sseScenarioAsksTheServerForTheTimingAndNamesEachMessage() throws Exception {
    Workload w = new Workload(Workload.Protocol.SSE, 1_000, 100, 20, 50);

    Scenario s = load(w);

    assertThat(s.protocol()).isEqualTo(Protocol.SSE);
    assertThat(s.request().path().source())
        .isEqualTo("/v1/chat/completions?ttft_ms=100&itl_ms=20&tokens=50");
    assertThat(s.request().headers().get("X-Request-Id").source())
        .isEqualTo("b1-${vu}-${iteration}-${turn}");
    assertThat(s.load().limits().warmup().toMillis()).isEqualTo(12_000);
  }

  @Test
  void theOpenFileCheckCountsTheConnectionsTheScenarioHolds() throws Exception {
    // The bench checks the open-file limit before any scenario exists: its count must be the run's.
    for (Workload.Protocol p : Workload.Protocol.values()) {
      for (int streams : new int[] {1, 150, 20_001, 50_000}) {
        Scenario s = load(new Workload(p, streams, 100, 1_000, 50));
        for (int loops : new int[] {1, 2, 8}) {
          assertThat(p.connections(streams, loops))
              .as("%s, %d streams, %d loops", p, streams, loops)
              .isEqualTo(SocketBudget.peakConnections(s, loops));
        }
      }
    }
    assertThat(Workload.Protocol.H2C.connections(50_000, 2)).isEqualTo(500);
    assertThat(Workload.Protocol.SSE.connections(50_000, 2)).isEqualTo(50_000);
  }

  @Test
  void webSocketScenarioPutsTheTimingAndIdInTheFrame() throws Exception {
    Workload w = new Workload(Workload.Protocol.WEBSOCKET, 10_000, 100, 200, 50);

    Scenario s = load(w);

    assertThat(s.protocol()).isEqualTo(Protocol.WEBSOCKET);
    assertThat(s.websocket().message().tree().toString())
        .contains("\"ttft_ms\":100", "\"itl_ms\":200", "\"tokens\":50")
        .contains("\"request_id\":\"b1-${vu}-${iteration}-${turn}\"");
  }

  @Test
  void pastOneSourceAddressesPortsTheStreamsSpreadOverLoopbackAddresses() throws Exception {
    assertThat(
            load(new Workload(Workload.Protocol.SSE, 20_000, 100, 1_000, 50))
                .connection()
                .localAddresses())
        .isEmpty();
    assertThat(
            load(new Workload(Workload.Protocol.SSE, 50_000, 100, 1_000, 50))
                .connection()
                .localAddresses())
        .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
    assertThat(
            load(new Workload(Workload.Protocol.WEBSOCKET, 50_000, 100, 1_000, 50))
                .connection()
                .localAddresses())
        .hasSize(3);
  }

  @Test
  void plannedRates() {
    Workload w = new Workload(Workload.Protocol.SSE, 10_000, 100, 200, 50);

    assertThat(w.messageSeconds()).isEqualTo(9.9);
    assertThat(w.plannedEventsPerSecond())
        .isCloseTo(50_505, org.assertj.core.data.Offset.offset(1.0));
    assertThat(w.rampSeconds()).isEqualTo(10.0);
    assertThat(new Workload(Workload.Protocol.SSE, 100, 100, 20, 50).rampSeconds()).isEqualTo(2.0);
  }
}
