package dev.streamstorm.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Takes the readings at a window's edges: generator CPU, event-loop allocation, the server's token
 * count, the generator's JIT compilation time and, for a local child server, its CPU. Harness
 * thread only.
 */
final class Meter {

  private final ServerStats server;
  private final long serverPid;

  /**
   * @param serverPid the child server's pid, or -1 for a server given by URL
   */
  Meter(ServerStats server, long serverPid) {
    this.server = server;
    this.serverPid = serverPid;
  }

  WindowSample sample() {
    long tokens = server.counters().tokensSent();
    long now = System.nanoTime();
    return new WindowSample(
        now,
        ProcessCpu.self(),
        LoopThreads.allocatedBytes(),
        tokens,
        serverPid < 0 ? null : ProcessCpu.of(serverPid),
        jitMs(),
        ThreadCpu.self());
  }

  private static long jitMs() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : -1;
  }
}
