package dev.streamstorm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/** The generator JVM's heap, in MiB. */
final class Heap {

  private Heap() {}

  /** Heap in use after a full collection, forced now (outside measured windows only). */
  static double liveAfterFullGcMiB() {
    System.gc();
    return mib(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
  }

  /** Heap in use after the most recent collection of each pool, without forcing one. */
  static double afterLastGcMiB() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (after != null) {
        used += after.getUsed();
      }
    }
    return mib(used);
  }

  /** The largest heap this JVM may use. */
  static double maxMiB() {
    return mib(Runtime.getRuntime().maxMemory());
  }

  private static double mib(long bytes) {
    return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
  }
}
