package dev.streamstorm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  @Test
  void readsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
    String stat =
        "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1234 567 0 0 20 0 42 0"
            + " 99999 1234567890 12345 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1"
            + " 0 0 0 0 0";

    ProcessCpu cpu = ProcessCpu.parse(stat);

    assertThat(cpu.userNs()).isEqualTo(12_340_000_000L);
    assertThat(cpu.systemNs()).isEqualTo(5_670_000_000L);
    assertThat(cpu.totalNs()).isEqualTo(18_010_000_000L);
  }

  @Test
  void thisProcessHasUsedSomeCpu() {
    assertThat(ProcessCpu.self().totalNs()).isPositive();
  }
}
