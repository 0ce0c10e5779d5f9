package dev.streamstorm.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the generator itself. A probe thread posts a tiny task to every event loop every {@link
 * #PROBE_PERIOD_MS} ms; how long it waited to run is that loop's lag, recorded by the loop into its
 * own recorder. CPU is sampled per interval: the process as a whole and each event-loop thread, so
 * a saturated loop shows even when the machine has idle cores. Garbage-collection pauses, which
 * stop every loop at once, are recorded as they are reported (into the first loop's recorder).
 */
final class GeneratorMonitor {
  static final long PROBE_PERIOD_MS = 10;

  private final List<LoadWorker> workers;
  private final ScheduledExecutorService probe;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os;
  private final int cores = Runtime.getRuntime().availableProcessors();
  private final long[] lastLoopCpuNs;
  private long lastProcessCpuNs;
  private long lastSampleNs;
  private GcPauses gcPauses;

  /**
   * False once the run cuts its messages: the cut itself (thousands of interruptions queued on the
   * loops at once) is not a delay any measured message suffered, so it is not lag.
   */
  private volatile boolean probing = true;

  GeneratorMonitor(List<LoadWorker> workers) {
    this.workers = workers;
    this.lastLoopCpuNs = new long[workers.size()];
    var bean = ManagementFactory.getOperatingSystemMXBean();
    this.os = bean instanceof com.sun.management.OperatingSystemMXBean b ? b : null;
    this.probe =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "streamstorm-lag-probe");
              t.setDaemon(true);
              return t;
            });
  }

  void start() {
    lastSampleNs = System.nanoTime();
    lastProcessCpuNs = processCpuNs();
    for (int i = 0; i < workers.size(); i++) {
      lastLoopCpuNs[i] = loopCpuNs(workers.get(i));
    }
    probe.scheduleAtFixedRate(this::probeOnce, 0, PROBE_PERIOD_MS, TimeUnit.MILLISECONDS);
    LoadWorker first = workers.get(0);
    gcPauses =
        GcPauses.watch(
            (collector, pauseNs) -> {
              long observedNs = System.nanoTime();
              first.run(() -> first.recorder.recordGcPause(observedNs, pauseNs));
            });
  }

  /**
   * Stops measuring lag before the run's messages are cut: a probe queued after the cut would wait
   * behind every interruption. Probes already queued before it run first and still count.
   */
  void stopProbing() {
    probing = false;
  }

  void stop() {
    probe.shutdownNow();
    if (gcPauses != null) {
      gcPauses.close();
    }
  }

  /** CPU since the previous sample: {process percent (100 = all cores), busiest loop percent}. */
  double[] sampleCpu() {
    long now = System.nanoTime();
    long elapsed = Math.max(1, now - lastSampleNs);
    long cpu = processCpuNs();
    double processPercent =
        cpu < 0 ? 0 : 100.0 * (cpu - lastProcessCpuNs) / ((double) elapsed * cores);
    double busiest = 0;
    for (int i = 0; i < workers.size(); i++) {
      long loopCpu = loopCpuNs(workers.get(i));
      if (loopCpu >= 0 && lastLoopCpuNs[i] >= 0) {
        busiest = Math.max(busiest, 100.0 * (loopCpu - lastLoopCpuNs[i]) / elapsed);
      }
      lastLoopCpuNs[i] = loopCpu;
    }
    lastProcessCpuNs = cpu;
    lastSampleNs = now;
    return new double[] {Math.max(0, processPercent), Math.max(0, busiest)};
  }

  private long processCpuNs() {
    return os == null ? -1 : os.getProcessCpuTime();
  }

  private long loopCpuNs(LoadWorker w) {
    Thread t = w.thread;
    if (t == null || !threads.isThreadCpuTimeSupported()) {
      return -1;
    }
    return threads.getThreadCpuTime(t.getId());
  }

  private void probeOnce() {
    for (LoadWorker w : workers) {
      long postedNs = System.nanoTime();
      w.run(
          () -> {
            if (probing) {
              w.recorder.recordLoopLag(postedNs, System.nanoTime() - postedNs);
            }
          });
    }
  }
}
