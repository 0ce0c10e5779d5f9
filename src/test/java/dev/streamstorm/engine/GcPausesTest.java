package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
  void aFullCollectionIsReported() throws Exception {
    CompletableFuture<Long> pause = new CompletableFuture<>();
    try (GcPauses watch = GcPauses.watch((collector, ns) -> pause.complete(ns))) {
      System.gc();
      assertThat(pause.get(10, TimeUnit.SECONDS)).isNotNegative();
    }
  }

  /**
   * After close, a collection reaches a watch still open but not the closed one. The collectors'
   * beans tell their listeners one after another, in the order they were added, on one thread: had
   * the closed watch (added first) still been listening, it would have heard the collection before
   * the open one did.
   */
  @Test
  void aClosedWatchHearsNoMorePauses() throws Exception {
    AtomicInteger heardByClosed = new AtomicInteger();
    LinkedBlockingQueue<Long> heardByOpen = new LinkedBlockingQueue<>();
    GcPauses closed = GcPauses.watch((collector, ns) -> heardByClosed.incrementAndGet());
    try (GcPauses open = GcPauses.watch((collector, ns) -> heardByOpen.add(ns))) {
      System.gc();
      assertThat(heardByOpen.poll(10, TimeUnit.SECONDS))
          .as("a pause while both listen")
          .isNotNull();
      assertThat(heardByClosed.get()).as("the first watch listened").isPositive();

      closed.close();
      int beforeClose = heardByClosed.get();
      heardByOpen.clear();
      System.gc();

      assertThat(heardByOpen.poll(10, TimeUnit.SECONDS)).as("a pause after close").isNotNull();
      assertThat(heardByClosed).as("pauses heard after close").hasValue(beforeClose);
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
