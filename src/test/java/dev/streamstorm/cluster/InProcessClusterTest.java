package dev.streamstorm.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.BenchServer;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import dev.streamstorm.engine.IntervalListener;
import dev.streamstorm.engine.Run;
import dev.streamstorm.engine.RunOutcome;
import dev.streamstorm.engine.RunStatus;
import dev.streamstorm.live.HistogramSeries;
import dev.streamstorm.live.LiveFeed;
import dev.streamstorm.live.LiveFrame;
import dev.streamstorm.live.LiveSetups;
import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.SeriesKey;
import dev.streamstorm.metrics.Tag;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A coordinator and two agents in this JVM (three cluster members on loopback): the coordinator's
 * listeners see merged intervals with the agents counted, and a per-message log (the CSV writer's
 * hook) receives every message of every agent, on the coordinator's clock, with user numbers that
 * stay unique across agents.
 */
class InProcessClusterTest {
  private BenchServer server;
  private final List<Agent> agents = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server =
        BenchServer.start(
                null,
                BenchServerConfig.fromMap(Map.of("ttft", "20ms", "itl", "2ms", "tokens", 5)),
                "127.0.0.1",
                0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    for (Agent a : agents) {
      a.shutdown().get(60, TimeUnit.SECONDS);
    }
    server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void everyMessageOfEveryAgentReachesTheCoordinatorsMessageLog() throws Exception {
    List<Integer> ports = List.of(freePort(), freePort(), freePort());
    List<String> join = ports.stream().map(p -> "127.0.0.1:" + p).toList();
    for (int i = 1; i <= 2; i++) {
      agents.add(
          Agent.start(settings(ports.get(i), join), new Agent.Options("a" + i, 1, "t"), l -> {})
              .toCompletionStage()
              .toCompletableFuture()
              .get(90, TimeUnit.SECONDS));
    }
    List<MessageOutcome> logged = new CopyOnWriteArrayList<>();
    List<Long> starts = new CopyOnWriteArrayList<>();
    MessageLog log =
        (o, runStartNs) -> {
          logged.add(o);
          starts.add(runStartNs);
        };
    List<RunStatus> statuses = new CopyOnWriteArrayList<>();
    long[] okSeen = new long[1];
    IntervalListener listener =
        (s, st) -> {
          statuses.add(st);
          okSeen[0] += s.counter(Tag.ALL, Counter.OK) + s.counter(Tag.ALL, Counter.FAILED);
        };
    ScenarioOverrides flags = flags();
    Scenario scenario = new ScenarioLoader(n -> null).fromFlags(flags);
    // The live outputs (dashboard, /metrics, OTLP) read the coordinator's merged intervals.
    List<LiveFrame> frames = new CopyOnWriteArrayList<>();
    LiveFeed live =
        new LiveFeed(
            LiveSetups.of(scenario, URI.create(server.baseUrl()), "r", Duration.ofMillis(500), "t"),
            List.of(frames::add),
            w -> {});

    Coordinator c =
        Coordinator.start(
            new Coordinator.Request(
                2,
                Duration.ofSeconds(60),
                settings(ports.get(0), join),
                null,
                flags,
                scenario,
                URI.create(server.baseUrl()),
                new Run.Config(1, Duration.ofMillis(500), n -> null, List.of(listener, live), log),
                "t",
                line -> {}));
    RunOutcome o = c.completion().get(120, TimeUnit.SECONDS);
    live.close();

    long total =
        o.accumulator().counter(Tag.ALL, Counter.OK.ordinal())
            + o.accumulator().counter(Tag.ALL, Counter.FAILED.ordinal());
    assertThat(total).isPositive();
    assertThat(okSeen[0]).as("the listeners saw every merged message").isEqualTo(total);
    assertThat(logged).hasSize((int) total);
    assertThat(new HashSet<>(starts)).hasSize(1);
    long runStartNs = starts.get(0);
    for (MessageOutcome m : logged) {
      assertThat(m.intendedStartNs() - runStartNs)
          .as("on the coordinator's clock, within the run")
          .isBetween(0L, TimeUnit.SECONDS.toNanos(10));
      assertThat(m.e2eNs())
          .isBetween(TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.SECONDS.toNanos(5));
    }
    Set<Integer> users = new HashSet<>();
    logged.forEach(m -> users.add(m.vu()));
    assertThat(users).as("4 users in all, numbered apart across agents").hasSize(4);
    assertThat(statuses).isNotEmpty().allSatisfy(st -> assertThat(st.agentsTotal()).isEqualTo(2));
    assertThat(o.agents()).hasSize(2).allSatisfy(a -> assertThat(a.messages()).isPositive());
    assertThat(o.lost()).isEmpty();
    assertThat(o.eventLoops()).isEqualTo(2);
    assertThat(o.endReason()).isEqualTo("duration");
    LiveFrame last = frames.get(frames.size() - 1);
    assertThat(last.status().agentsTotal()).isEqualTo(2);
    assertThat(
            last.histograms().stream()
                .filter(h -> h.metric().equals("ttft"))
                .mapToLong(HistogramSeries::count)
                .sum())
        .as("the live outputs' ttft count is the merged run's")
        .isEqualTo(o.accumulator().histogram(SeriesKey.of(Metric.TTFT, Tag.ALL)).getTotalCount());
  }

  private ScenarioOverrides flags() {
    return new ScenarioOverrides(
        Optional.of(server.baseUrl() + "/v1/chat/completions"),
        Optional.of("openai-chat"),
        Optional.empty(),
        Optional.of(4),
        Optional.of(Duration.ofSeconds(3)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  private static ClusterSettings settings(int port, List<String> join) {
    return new ClusterSettings("127.0.0.1", port, 0, join, Optional.empty(), Optional.empty());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
