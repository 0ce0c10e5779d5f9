package dev.streamstorm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CostTest {

  private static final long S = 1_000_000_000L;

  @Test
  void cpuAndAllocationPerTokenEventOverTheWindow() {
    WindowSample start =
        new WindowSample(
            10 * S, new ProcessCpu(5 * S, 2 * S), 1_000, 40_000, new ProcessCpu(S, 0), 4_000);
    // 20 s, 1,000,000 events; generator 12 s user + 8 s system; 100 MB allocated; server 10 s;
    // the JIT compiled for 35 ms.
    WindowSample end =
        new WindowSample(
            30 * S,
            new ProcessCpu(17 * S, 10 * S),
            100_001_000,
            1_040_000,
            new ProcessCpu(11 * S, 0),
            4_035);

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
  }

  @Test
  void unknownPartsAreNaNNotZero() {
    WindowSample start = new WindowSample(0, new ProcessCpu(S, -1), -1, 0, null, -1);
    WindowSample end = new WindowSample(10 * S, new ProcessCpu(3 * S, -1), -1, 0, null, -1);

    Cost c = Cost.between(start, end);

    assertThat(c.cpuPercent()).isEqualTo(20.0);
    assertThat(c.cpuUsPerEvent()).isNaN();
    assertThat(c.systemUsPerEvent()).isNaN();
    assertThat(c.allocBytesPerEvent()).isNaN();
    assertThat(c.serverCpuPercent()).isNaN();
    assertThat(c.jitMs()).isNaN();
  }
}
