package dev.streamstorm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTablesTest {

  private static StepResult step(String client, int streams, double cpuUs, double errorP99) {
    return new StepResult(
        client,
        new Workload(Workload.Protocol.SSE, streams, 100, 20, 50),
        "epoll",
        new Cost(20, 900_000, 45_000, 40, cpuUs, cpuUs / 2, cpuUs / 2, 550, 60, 12, null),
        new Lag(2000, 0.05, 1.5, 4.0),
        new GcWindow.Stats(3, 45, 20, 0.23),
        new TtftError(10_000, 0.04, errorP99, errorP99 * 3, 0.01),
        18_000,
        0,
        2.0,
        30,
        31,
        null,
        1.2);
  }

  private static final BenchReport.Machine MACHINE =
      new BenchReport.Machine(2, "17", 1024, "Parallel", "child JVM on this machine", 0.5, 0.7);

  @Test
  void severalCostRunsShowEachProtocolsMedianRatioAndEveryRunInOrder() {
    BenchReport r =
        new BenchReport(
            MACHINE,
            List.of(
                BenchReport.CostComparison.of(
                    step(StepResult.FLOOR, 1_000, 10.0, 2.5),
                    step(StepResult.STREAMSTORM, 1_000, 12.4, 1.1)),
                BenchReport.CostComparison.of(
                    step(StepResult.FLOOR, 1_000, 10.0, 2.5),
                    step(StepResult.STREAMSTORM, 1_000, 10.2, 1.1)),
                BenchReport.CostComparison.of(
                    step(StepResult.FLOOR, 1_000, 10.0, 2.5),
                    step(StepResult.STREAMSTORM, 1_000, 10.5, 1.1))),
            List.of(),
            null,
            List.of(),
            List.of(),
            null);

    String text = BenchTables.render(r);

    assertThat(text)
        .contains(
            "sse: streamstorm / floor CPU per token event, median of 3 runs: 1.05x (1.24, 1.02,"
                + " 1.05)");
  }

  @Test
  void oneCostRunShowsNoMedian() {
    BenchReport r =
        new BenchReport(
            MACHINE,
            List.of(
                BenchReport.CostComparison.of(
                    step(StepResult.FLOOR, 1_000, 10.0, 2.5),
                    step(StepResult.STREAMSTORM, 1_000, 12.4, 1.1))),
            List.of(),
            null,
            List.of(),
            List.of(),
            null);

    assertThat(BenchTables.render(r)).doesNotContain("median of");
  }

  @Test
  void costShowsTheRatioAndBothClientsFirstTokenError() {
    BenchReport r =
        new BenchReport(
            MACHINE,
            List.of(
                BenchReport.CostComparison.of(
                    step(StepResult.FLOOR, 1_000, 9.0, 2.5),
                    step(StepResult.STREAMSTORM, 1_000, 10.8, 1.1))),
            List.of(),
            null,
            List.of(),
            List.of(),
            null);

    String text = BenchTables.render(r);

    assertThat(text)
        .contains("generator heap max 1024 MiB, Parallel GC · server: child JVM")
        .contains("streamstorm / floor CPU per token event: 1.20x (target <= 1.2x)")
        .contains("first-token error p99: streamstorm 1.100 ms, floor 2.500 ms")
        .contains("gc max  gc %  jit ms")
        // Compilation in the window: the JIT shares the cores with the event loops.
        .containsPattern("1\\.50 +20 +0\\.23 +12 ")
        // The co-located server's share of the cores: the first-token error's neighbour.
        .contains("heap MiB  server CPU %  load")
        .containsPattern(" 31 +60\\.0 +1\\.20\\n");
  }

  @Test
  void calibrateWithTheFloorPrintsTheFloorsStepsUnderTheVerdict() {
    List<StepResult> ours = List.of(step(StepResult.STREAMSTORM, 500, 20, 2.3));
    BenchReport r =
        new BenchReport(
            MACHINE,
            List.of(),
            ours,
            Verdict.of(ours, 5, 1),
            List.of(step(StepResult.FLOOR, 500, 18, 0.36)),
            List.of(),
            null);

    String text = BenchTables.render(r);

    int verdict = text.indexOf("this machine cannot drive even the first step accurately");
    int floor = text.indexOf("the floor client at the same steps");
    assertThat(verdict).isPositive();
    assertThat(floor).isGreaterThan(verdict);
    assertThat(text.substring(floor)).contains("0.360");
  }

  private static ColdRun cold(String client, int rep, int pos, double ttftP99, long messages) {
    boolean floor = client.equals("floor");
    return new ColdRun(
        client,
        rep,
        pos,
        new ColdFigures(
            160,
            ttftP99,
            ttftP99 + 50,
            40,
            300,
            messages,
            0,
            12,
            80,
            3,
            25,
            "G1",
            floor ? 420 : 380,
            floor ? ttftP99 - 500 : Double.NaN),
        34.5,
        0.8,
        1.4,
        "java ...");
  }

  @Test
  void coldStartShowsEveryRunTheMediansAndTheRatioToTheFloor() {
    List<ColdRun> runs =
        List.of(
            cold("floor", 1, 1, 800, 26_000),
            cold("streamstorm java -jar", 1, 2, 900, 25_800),
            cold("streamstorm java -jar", 2, 1, 1_100, 25_600),
            cold("floor", 2, 2, 1_000, 26_200));
    ColdSummary floor = ColdSummary.of("floor", List.of(runs.get(0), runs.get(3)), null);
    ColdSummary ours =
        ColdSummary.of("streamstorm java -jar", List.of(runs.get(1), runs.get(2)), floor);
    BenchReport r =
        new BenchReport(
            MACHINE,
            List.of(),
            List.of(),
            null,
            List.of(),
            List.of(),
            new ColdStep(
                "sse 1,000 streams, ttft 100 ms, 50 tokens 20 ms apart",
                30,
                runs,
                List.of(floor, ours),
                List.of("no launcher")));

    String text = BenchTables.render(r);

    assertThat(floor.ttftP99Ms()).isEqualTo(900);
    assertThat(ours.ttftP99Ms()).isEqualTo(1_000);
    assertThat(ours.ttftP99Ratio()).isEqualTo(1.11);
    assertThat(text)
        .contains("cold start: sse 1,000 streams, ttft 100 ms, 50 tokens 20 ms apart, all users at")
        .containsPattern("2\\.1 +streamstorm java -jar +160\\.0 +1,100\\.0 +300\\.0 +25,600 ")
        .contains("streamstorm java -jar / floor, cold ttft p99: 1.11x (target <= 1.2x)")
        .contains("the floor's from its send, after its connection opened: p99 400.0 ms (median)")
        .containsPattern("1\\.1 +floor +160\\.0 +800\\.0 .* +420\\.0 +G1 ")
        .contains("note: no launcher");
  }
}
