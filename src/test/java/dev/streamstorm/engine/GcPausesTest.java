package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GcPausesTest {

  @Test
  void concurrentCyclesAreNotPausesEverythingElseIs() {
    assertThat(GcPauses.reportsPauses("G1 Young Generation")).isTrue();
    assertThat(GcPauses.reportsPauses("G1 Old Generation")).isTrue();
    assertThat(GcPauses.reportsPauses("G1 Concurrent GC")).isTrue();
    assertThat(GcPauses.reportsPauses("PS Scavenge")).isTrue();
    assertThat(GcPauses.reportsPauses("ZGC Pauses")).isTrue();
    assertThat(GcPauses.reportsPauses("ZGC Minor Pauses")).isTrue();
    assertThat(GcPauses.reportsPauses("ZGC Cycles")).isFalse();
    assertThat(GcPauses.reportsPauses("ZGC Major Cycles")).isFalse();
    assertThat(GcPauses.reportsPauses("Shenandoah Cycles")).isFalse();
  }

  @Test
  void aFullCollectionIsReportedUntilClosed() throws Exception {
    CompletableFuture<Long> pause = new CompletableFuture<>();
    try (GcPauses watch = GcPauses.watch((collector, ns) -> pause.complete(ns))) {
      System.gc();
      assertThat(pause.get(10, TimeUnit.SECONDS)).isNotNegative();
    }
  }

  @Test
  void theCollectorsNameAgreesWithItsManagementBeans() {
    Map<String, String> collectorOfBean =
        Map.of(
            "G1 Young Generation", "G1",
            "PS Scavenge", "Parallel",
            "Copy", "Serial",
            "ZGC Pauses", "ZGC",
            "ZGC Minor Pauses", "ZGC",
            "Shenandoah Pauses", "Shenandoah");
    String expected =
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(bean -> collectorOfBean.get(bean.getName()))
            .filter(Objects::nonNull)
            .findFirst()
            .orElseThrow();
    assertThat(GcPauses.collectorName()).isEqualTo(expected);
  }
}
