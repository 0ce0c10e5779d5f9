package dev.streamstorm.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.engine.IntervalPipeline;
import dev.streamstorm.engine.ResultsFactory;
import dev.streamstorm.engine.RunOutcome;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.results.AgentHealth;
import dev.streamstorm.metrics.results.LostAgent;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ResultsJson;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A distributed run's additions to the results document: generator.agents and run.lost. */
class ClusterResultsTest {
  @TempDir Path dir;

  @Test
  void agentsAndLostSharesAreWrittenAndReadBackAndMakeTheRunPartial() throws Exception {
    Scenario s = scenario();
    IntervalPipeline p = new IntervalPipeline(s, 0, Duration.ofSeconds(1), List.of(), true);
    List<MessageOutcome> ms = new ArrayList<>();
    Random r = new Random(3);
    for (int i = 0; i < 100; i++) {
      ms.add(Snapshots.message(r, i));
    }
    p.accept(Snapshots.record(ms, 2, Gauges.NONE), false);
    AgentHealth fine =
        new AgentHealth("a1", "10.0.0.11:5701", 4, 60, 0.4, 2.0, 30, 45, 50, true, false);
    AgentHealth busy =
        new AgentHealth("a2", "10.0.0.12:5701", 4, 40, 35.0, 80.0, 95, 99, 99, false, true);
    LostAgent lost =
        new LostAgent("a2", 7.5, "left the cluster", Map.of("model", "closed", "vus", 3));
    RunOutcome o =
        new RunOutcome(
            p.accumulator(),
            "duration",
            Instant.parse("2026-11-30T18:00:00Z"),
            1_000_000_000L,
            1_000_000_000L,
            new long[0],
            8,
            List.of(),
            Set.of(),
            null,
            List.of(fine, busy),
            List.of(lost),
            null);

    RunResults results = ResultsFactory.build(s, URI.create("http://127.0.0.1:9"), o, "test");
    Path file = dir.resolve("r.json");
    ResultsJson.write(results, file);
    RunResults back = ResultsJson.read(file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());

    assertThat(back.run().partial()).isTrue();
    assertThat(back.run().lost()).containsExactly(lost);
    assertThat(back.generator().agents()).containsExactly(fine, busy);
    assertThat(back.generator().healthy()).isFalse();
    assertThat(back.generator().warnings()).anyMatch(w -> w.contains("agent a2 was overloaded"));
    assertThat(json.at("/run/lost/0/share/vus").asInt()).isEqualTo(3);
    assertThat(json.at("/generator/agents/1/loopLagP99Ms").asDouble()).isEqualTo(35.0);
  }

  @Test
  void aRunInOneJvmHasNeitherSection() throws Exception {
    Scenario s = scenario();
    IntervalPipeline p = new IntervalPipeline(s, 0, Duration.ofSeconds(1), List.of(), true);
    p.accept(Snapshots.record(List.of(), 1, Gauges.NONE), false);
    RunOutcome o =
        new RunOutcome(
            p.accumulator(),
            "duration",
            Instant.now(),
            1,
            1,
            new long[0],
            2,
            List.of(),
            Set.of(),
            null);

    RunResults results = ResultsFactory.build(s, URI.create("http://127.0.0.1:9"), o, "test");
    JsonNode json = new ObjectMapper().readTree(ResultsJson.toJson(results));

    assertThat(json.at("/run/partial").asBoolean()).isFalse();
    assertThat(json.at("/run").has("lost")).isFalse();
    assertThat(json.at("/generator").has("agents")).isFalse();
    Path file = dir.resolve("one.json");
    Files.writeString(file, ResultsJson.toJson(results));
    assertThat(ResultsJson.read(file).generator().agents()).isNull();
  }

  private static Scenario scenario() {
    return new ScenarioLoader(n -> null)
        .fromFlags(
            new ScenarioOverrides(
                Optional.of("http://127.0.0.1:9/v1/chat/completions"),
                Optional.of("openai-chat"),
                Optional.empty(),
                Optional.of(4),
                Optional.of(Duration.ofSeconds(1)),
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
  }
}
