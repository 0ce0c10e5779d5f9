package dev.streamstorm.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.Seeded;
import dev.streamstorm.scenario.DataSpec;
import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioException;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(Seeded.class)
class PlanSplitterTest {
  @TempDir Path dir;

  private Scenario load(String yaml) throws IOException {
    Path file = dir.resolve("s.yaml");
    Files.writeString(file, yaml);
    return new ScenarioLoader(name -> "x").load(file, ScenarioOverrides.none());
  }

  private static List<Scenario> slices(Scenario s, int agents) {
    return IntStream.range(0, agents).mapToObj(i -> PlanSplitter.slice(s, i, agents)).toList();
  }

  @RepeatedTest(20)
  void countSharesAddUpDifferByAtMostOneAndLeaveNobodyEmpty(Random r) {
    int agents = 1 + r.nextInt(12);
    long total = agents + r.nextInt(10_000);
    long sum = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < agents; i++) {
      long share = PlanSplitter.share(total, i, agents);
      sum += share;
      min = Math.min(min, share);
      max = Math.max(max, share);
    }
    assertThat(sum).isEqualTo(total);
    assertThat(max - min).isLessThanOrEqualTo(1);
    assertThat(min).isPositive();
  }

  @Test
  void aClosedCrowdWithStagesAndLimitsIsSplitExactly() throws IOException {
    Scenario s =
        load(
            """
            target: http://127.0.0.1:1
            preset: openai-chat
            seed: 7
            load:
              stages: [{duration: 10s, target: 10}, {duration: 20s, target: 31}, {duration: 5s, target: 0}]
              iterations: 4
              totalIterations: 1001
              maxMessages: 5003
              maxTokens: 100007
            connection: { maxConnections: 17 }
            conversations: [{ name: q, turns: ["hi"] }]
            """);
    List<Scenario> parts = slices(s, 3);
    LoadSpec.Closed whole = (LoadSpec.Closed) s.load();
    for (int st = 0; st < whole.stages().size(); st++) {
      int k = st;
      assertThat(parts.stream().mapToDouble(p -> closed(p).stages().get(k).target()).sum())
          .isEqualTo(whole.stages().get(k).target());
      assertThat(parts)
          .allSatisfy(
              p ->
                  assertThat(closed(p).stages().get(k).duration())
                      .isEqualTo(whole.stages().get(k).duration()));
    }
    assertThat(parts.stream().mapToLong(p -> closed(p).vus()).sum()).isEqualTo(whole.vus());
    assertThat(sum(parts, p -> p.load().limits().iterationsTotal().orElseThrow())).isEqualTo(1001);
    assertThat(sum(parts, p -> p.load().limits().maxMessages().orElseThrow())).isEqualTo(5003);
    assertThat(sum(parts, p -> p.load().limits().maxTokens().orElseThrow())).isEqualTo(100007);
    assertThat(sum(parts, p -> (long) p.connection().maxConnections().orElseThrow())).isEqualTo(17);
    assertThat(parts)
        .allSatisfy(
            p -> {
              assertThat(p.load().limits().iterationsPerUser()).contains(4L);
              assertThat(p.load().limits().duration()).isEqualTo(s.load().limits().duration());
              assertThat(p.conversations()).isEqualTo(s.conversations());
            });
    Set<Long> seeds = new HashSet<>();
    parts.forEach(p -> seeds.add(p.seed()));
    seeds.add(s.seed());
    assertThat(seeds).hasSize(4);
  }

  @Test
  void anOpenRateItsStagesSweepAndMaxInFlightAreSplitEvenly() throws IOException {
    Scenario s =
        load(
            """
            target: http://127.0.0.1:1
            preset: openai-chat
            load:
              arrival: { rate: 10/s }
              stages: [{duration: 10s, target: 25/s}]
              maxInFlight: 100
              duration: 30s
            conversations: [{ name: q, turns: ["hi"] }]
            """);
    List<Scenario> parts = slices(s, 3);
    LoadSpec.Open whole = (LoadSpec.Open) s.load();
    assertThat(parts.stream().mapToDouble(p -> open(p).rate()).sum())
        .isCloseTo(whole.rate(), within(1e-9));
    assertThat(parts.stream().mapToDouble(p -> open(p).stages().get(0).target()).sum())
        .isCloseTo(25, within(1e-9));
    assertThat(parts.stream().mapToLong(p -> open(p).maxInFlight()).sum()).isEqualTo(100);
    assertThat(parts)
        .allSatisfy(p -> assertThat(open(p).rate()).isCloseTo(10 / 3.0, within(1e-12)));

    Scenario sweep =
        load(
            """
            target: http://127.0.0.1:1
            preset: openai-chat
            load:
              sweep: { start: 5/s, step: 5/s, max: 30/s, stepDuration: 10s }
            conversations: [{ name: q, turns: ["hi"] }]
            """);
    List<Scenario> sweeps = slices(sweep, 4);
    LoadSpec.Sweep w = open(sweep).sweep().orElseThrow();
    assertThat(sweeps.stream().mapToDouble(p -> open(p).sweep().orElseThrow().maxRate()).sum())
        .isCloseTo(w.maxRate(), within(1e-9));
    assertThat(sweeps)
        .allSatisfy(
            p -> {
              LoadSpec.Sweep part = open(p).sweep().orElseThrow();
              assertThat(steps(part)).isEqualTo(steps(w));
              assertThat(part.stepDuration()).isEqualTo(w.stepDuration());
              assertThat(part.minGoodRatio()).isEqualTo(w.minGoodRatio());
            });
  }

  @Test
  void uniqueRowsAreDealtOutSoNoTwoAgentsShareOne() {
    List<Integer> rows = IntStream.range(0, 103).boxed().toList();
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      List<Integer> mine = PlanSplitter.rows(rows, i, 4);
      assertThat(mine).isNotEmpty().first().isEqualTo(i);
      all.addAll(mine);
    }
    assertThat(all).hasSize(103).containsExactlyInAnyOrderElementsOf(rows);
    assertThat(PlanSplitter.rows(List.of("a", "b"), 2, 3)).containsExactly("a", "b");
  }

  @Test
  void aSplitThatWouldLeaveAnAgentWithNothingIsRefusedWithTheReason() throws IOException {
    Scenario two =
        load(
            """
            target: http://127.0.0.1:1
            preset: openai-chat
            load: { vus: 2, duration: 10s, maxMessages: 50 }
            conversations: [{ name: q, turns: ["hi"] }]
            """);
    assertThatThrownBy(() -> PlanSplitter.check(two, 3, 0))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("the load has 2 users")
        .hasMessageContaining("--agents 2 or fewer");
    PlanSplitter.check(two, 2, 0);

    Scenario budget =
        load(
            """
            target: http://127.0.0.1:1
            preset: openai-chat
            load: { vus: 10, maxMessages: 3 }
            conversations: [{ name: q, turns: ["hi"] }]
            """);
    assertThatThrownBy(() -> PlanSplitter.check(budget, 4, 0))
        .hasMessageContaining("maxMessages is 3");
  }

  @Test
  void tooFewUniqueRowsForTheAgentsAreRefused() throws IOException {
    Files.writeString(dir.resolve("rows.jsonl"), "{\"q\":\"a\"}\n{\"q\":\"b\"}\n");
    Scenario s =
        load(
            """
            target: http://127.0.0.1:1
            preset: openai-chat
            data: { file: rows.jsonl, order: unique }
            load: { vus: 3, duration: 5s }
            conversations: [{ name: q, turns: ["${q}"] }]
            """);
    assertThat(s.data().map(DataSpec::order)).contains(DataSpec.Order.UNIQUE);
    assertThatThrownBy(() -> PlanSplitter.check(s, 3, 2)).hasMessageContaining("2 unique rows");
    PlanSplitter.check(s, 2, 2);
  }

  private static LoadSpec.Closed closed(Scenario s) {
    return (LoadSpec.Closed) s.load();
  }

  private static LoadSpec.Open open(Scenario s) {
    return (LoadSpec.Open) s.load();
  }

  private static long sum(List<Scenario> parts, java.util.function.ToLongFunction<Scenario> f) {
    return parts.stream().mapToLong(f).sum();
  }

  /** The staircase's length, counted as the engine's SweepPlan counts it. */
  private static int steps(LoadSpec.Sweep w) {
    int n = 0;
    for (double r = w.startRate(); r <= w.maxRate() * (1 + 1e-9); r += w.stepRate()) {
      n++;
    }
    return n;
  }

  @Test
  void seedsDependOnTheScenarioSeedAndTheIndexOnly() {
    assertThat(PlanSplitter.seed(42, 1)).isEqualTo(PlanSplitter.seed(42, 1));
    assertThat(PlanSplitter.seed(42, 1)).isNotEqualTo(PlanSplitter.seed(43, 1));
    assertThat(PlanSplitter.seed(42, 0)).isNotEqualTo(PlanSplitter.seed(42, 1));
  }
}
