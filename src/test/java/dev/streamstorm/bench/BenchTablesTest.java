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
        new Cost(20, 900_000, 45_000, 40, cpuUs, cpuUs / 2, cpuUs / 2, 550, 60, 12),
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
            List.of());

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
            List.of());

    String text = BenchTables.render(r);

    int verdict = text.indexOf("this machine cannot drive even the first step accurately");
    int floor = text.indexOf("the floor client at the same steps");
    assertThat(verdict).isPositive();
    assertThat(floor).isGreaterThan(verdict);
    assertThat(text.substring(floor)).contains("0.360");
  }
}
