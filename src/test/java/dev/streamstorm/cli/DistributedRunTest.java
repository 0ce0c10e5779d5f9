package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.benchserver.BenchServer;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.metrics.HistogramCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --agents 2} end to end: a coordinator and two agents, each a JVM of its own on
 * 127.0.0.1, against bench-server in this JVM. What the coordinator merged must equal what the
 * agents recorded (each writes its own share's results with a hidden flag), message for message and
 * histogram bucket for histogram bucket.
 */
@Tag("multi-jvm")
class DistributedRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 60;

  @TempDir Path dir;
  private BenchServer server;
  private ClusterProcesses cluster;

  @BeforeEach
  void start() throws Exception {
    server =
        BenchServer.start(
                null,
                BenchServerConfig.fromMap(Map.of("ttft", "40ms", "itl", "4ms", "tokens", 12)),
                "127.0.0.1",
                0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    cluster = new ClusterProcesses(dir, 3);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
    server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void theCoordinatorMergesExactlyWhatTheAgentsRecorded() throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < ROWS; i++) {
      rows.append("{\"q\": \"question ").append(i).append("\"}\n");
    }
    Files.writeString(dir.resolve("rows.jsonl"), rows);
    Path scenario = dir.resolve("cluster.yaml");
    Files.writeString(
        scenario,
        """
        name: cluster
        target: %s
        preset: openai-chat
        seed: 11
        load: { vus: 5, duration: 30s }
        data: { file: rows.jsonl, order: unique }
        conversations:
          - name: short
            weight: 2
            turns: ["${q}"]
          - name: pair
            turns: ["${q}", "and then?"]
        thinkTime: { min: 20ms, max: 60ms }
        """
            .formatted(server.baseUrl()));
    Path agentResults = dir.resolve("agents");
    Process a1 = cluster.agent("a1", 1, agentResults);
    Process a2 = cluster.agent("a2", 2, agentResults);
    Path merged = dir.resolve("merged.json");

    Process coordinator =
        cluster.start(
            "coordinator",
            "run",
            scenario.toString(),
            "--agents",
            "2",
            "--agent-timeout",
            "60s",
            "--cluster-port",
            Integer.toString(cluster.port(0)),
            "--join",
            cluster.join(),
            "--quiet",
            "--out",
            merged.toString());
    int code = cluster.await("coordinator", coordinator, Duration.ofSeconds(120));

    assertThat(code).as(cluster.err("coordinator")).isZero();
    assertThat(cluster.out("a1")).contains("agent a1: test ", "share ");
    assertThat(cluster.out("a2")).contains("agent a2: test ");
    JsonNode all = JSON.readTree(merged.toFile());
    List<JsonNode> parts = agentFiles(agentResults);
    assertThat(parts).hasSize(2);
    assertThat(parts)
        .allSatisfy(p -> assertThat(p.at("/messages/total").asLong()).isPositive())
        .extracting(p -> p.at("/run/load/vus").asInt())
        .containsExactlyInAnyOrder(3, 2);

    for (String field : List.of("total", "ok", "failed", "interrupted")) {
      assertThat(all.at("/messages/" + field).asLong())
          .as(field)
          .isEqualTo(sum(parts, "/messages/" + field));
    }
    // Each of the unique rows started exactly one conversation somewhere in the cluster.
    long conversations =
        all.at("/byTurn/short#1/messages/total").asLong()
            + all.at("/byTurn/pair#1/messages/total").asLong();
    assertThat(conversations).isEqualTo(ROWS);
    assertThat(all.at("/messages/failed").asLong()).isZero();
    assertThat(parts)
        .allSatisfy(p -> assertThat(p.at("/run/endReason").asText()).isEqualTo("data"));
    for (String conversation : List.of("short", "pair")) {
      String path = "/byConversation/" + conversation + "/messages/ok";
      assertThat(all.at(path).asLong()).as(path).isEqualTo(sum(parts, path));
    }
    for (String metric : List.of("ttft", "e2e", "itl", "tpot", "ttfb")) {
      Histogram mergedHistogram = histogram(all, metric);
      Histogram sumOfAgents = new Histogram(3);
      parts.forEach(p -> sumOfAgents.add(histogram(p, metric)));
      assertThat(mergedHistogram.getTotalCount()).as(metric).isEqualTo(sumOfAgents.getTotalCount());
      for (double q : new double[] {50, 90, 99, 99.9, 100}) {
        assertThat(mergedHistogram.getValueAtPercentile(q))
            .as("%s p%s", metric, q)
            .isEqualTo(sumOfAgents.getValueAtPercentile(q));
      }
      assertThat(all.at("/metrics/" + metric + "/p99").asDouble())
          .isEqualTo(Math.round(sumOfAgents.getValueAtPercentile(99)) / 1000.0);
    }
    assertThat(all.at("/metrics/ttft/p50").asDouble()).isGreaterThan(39.0);
    assertThat(all.at("/run/partial").asBoolean()).isFalse();
    assertThat(all.at("/run/endReason").asText()).isEqualTo("data");
    assertThat(all.at("/run/load/vus").asInt()).isEqualTo(5);
    JsonNode agents = all.at("/generator/agents");
    assertThat(agents).hasSize(2);
    assertThat(agents.findValuesAsText("name")).containsExactlyInAnyOrder("a1", "a2");
    long messagesReported = 0;
    for (JsonNode a : agents) {
      assertThat(a.path("lost").asBoolean()).isFalse();
      assertThat(a.path("eventLoops").asInt()).isEqualTo(1);
      messagesReported += a.path("messages").asLong();
    }
    assertThat(messagesReported).isEqualTo(all.at("/messages/total").asLong());
    assertThat(all.at("/generator/eventLoops").asInt()).isEqualTo(2);
    assertThat(a1.isAlive() && a2.isAlive()).as("agents wait for the next test").isTrue();
  }

  static List<JsonNode> agentFiles(Path dir) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        out.add(JSON.readTree(f.toFile()));
      }
    }
    return out;
  }

  private static long sum(List<JsonNode> parts, String pointer) {
    return parts.stream().mapToLong(p -> p.at(pointer).asLong()).sum();
  }

  private static Histogram histogram(JsonNode results, String metric) {
    return HistogramCodec.decode(results.at("/histograms/" + metric + "/all").asText());
  }
}
