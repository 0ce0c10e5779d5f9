package dev.streamstorm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CostTest {

  private static final long S = 1_000_000_000L;

  @Test
  void cpuAndAllocationPerTokenEventOverTheWindow() {
    WindowSample start =
        new WindowSample(
            10 * S,
            new ProcessCpu(5 * S, 2 * S),
            1_000,
            40_000,
            new ProcessCpu(S, 0),
            4_000,
            threads(thread(1, "vert.x-eventloo", 6 * S), thread(2, "G1 Refine#0", S)));
    // 20 s, 1,000,000 events; generator 12 s user + 8 s system; 100 MB allocated; server 10 s;
    // the JIT compiled for 35 ms.
    WindowSample end =
        new WindowSample(
            30 * S,
            new ProcessCpu(17 * S, 10 * S),
            100_001_000,
            1_040_000,
            new ProcessCpu(11 * S, 0),
            4_035,
            threads(
                thread(1, "vert.x-eventloo", 21 * S),
                thread(2, "G1 Refine#0", 3 * S),
                thread(3, "C2 CompilerThre", S / 2)));

    Cost c = Cost.between(start, end);

    assertThat(c.seconds()).isEqualTo(20.0);
    assertThat(c.tokenEvents()).isEqualTo(1_000_000);
    assertThat(c.eventsPerSecond()).isEqualTo(50_000.0);
    assertThat(c.cpuPercent()).isEqualTo(100.0);
    assertThat(c.cpuUsPerEvent()).isEqualTo(20.0);
    assertThat(c.userUsPerEvent()).isEqualTo(12.0);
    assertThat(c.systemUsPerEvent()).isEqualTo(8.0);
    assertThat(c.allocBytesPerEvent()).isEqualTo(100.0);
    assertThat(c.serverCpuPercent()).isEqualTo(50.0);
    assertThat(c.jitMs()).isEqualTo(35.0);
    // 15 s on the loops, 2 s in G1's refinement, 0.5 s compiling (a thread started in the window
    // counts whole), over 1,000,000 events.
    assertThat(c.threads()).isEqualTo(new CpuByThread(15.0, 2.0, 0.5, 0.0));
  }

  @Test
  void aThreadThatEndedInTheWindowIsNotCountedNegative() {
    ThreadCpu start = threads(thread(1, "vert.x-eventloo", S), thread(2, "streamstorm-tic", S));
    ThreadCpu end = threads(thread(1, "vert.x-eventloo", 2 * S));

    assertThat(end.since(start, 1_000)).isEqualTo(new CpuByThread(1_000.0, 0.0, 0.0, 0.0));
  }

  @Test
  void threadsAreGroupedByTheirNames() {
    assertThat(ThreadCpu.Group.of("vert.x-eventloo")).isEqualTo(ThreadCpu.Group.EVENT_LOOPS);
    assertThat(ThreadCpu.Group.of("G1 Refine#1")).isEqualTo(ThreadCpu.Group.GC);
    assertThat(ThreadCpu.Group.of("GC Thread#0")).isEqualTo(ThreadCpu.Group.GC);
    assertThat(ThreadCpu.Group.of("VM Thread")).isEqualTo(ThreadCpu.Group.GC);
    assertThat(ThreadCpu.Group.of("C1 CompilerThre")).isEqualTo(ThreadCpu.Group.JIT);
    assertThat(ThreadCpu.Group.of("streamstorm-tic")).isEqualTo(ThreadCpu.Group.OTHER);
  }

  @Test
  void aStatLinesThreadNameMayHoldSpacesAndParentheses() {
    String stat = "42 (G1 (odd) name) S 1 2 3 4 5 6 7 8 9 10 300 200 0 0";

    assertThat(ThreadCpu.name(stat)).isEqualTo("G1 (odd) name");
    assertThat(ProcessCpu.parse(stat).totalNs()).isEqualTo(5 * S);
  }

  @Test
  void thisJvmsThreadsAreReadWithTheirNames() {
    ThreadCpu now = ThreadCpu.self();

    assertThat(now).isNotNull();
    assertThat(now.byThread().values())
        .extracting(ThreadCpu.Named::name)
        .anyMatch(name -> name.startsWith("C") && name.contains("CompilerThre"));
  }

  @Test
  void unknownPartsAreNaNNotZero() {
    WindowSample start = new WindowSample(0, new ProcessCpu(S, -1), -1, 0, null, -1, null);
    WindowSample end = new WindowSample(10 * S, new ProcessCpu(3 * S, -1), -1, 0, null, -1, null);

    Cost c = Cost.between(start, end);

    assertThat(c.cpuPercent()).isEqualTo(20.0);
    assertThat(c.cpuUsPerEvent()).isNaN();
    assertThat(c.systemUsPerEvent()).isNaN();
    assertThat(c.allocBytesPerEvent()).isNaN();
    assertThat(c.serverCpuPercent()).isNaN();
    assertThat(c.jitMs()).isNaN();
    assertThat(c.threads()).isNull();
  }

  private static Map.Entry<Long, ThreadCpu.Named> thread(long tid, String name, long cpuNs) {
    return Map.entry(tid, new ThreadCpu.Named(name, cpuNs));
  }

  @SafeVarargs
  private static ThreadCpu threads(Map.Entry<Long, ThreadCpu.Named>... threads) {
    return new ThreadCpu(Map.ofEntries(threads));
  }
}
