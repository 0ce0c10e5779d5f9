package dev.streamstorm.bench;

import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The floor client's event-loop lag, probed the way streamstorm's generator monitor does it (a task
 * posted to every loop every 10 ms; how long it waited to run), so the two clients' lag can be
 * compared on the same machine load: lag the floor shows too comes from the machine, not from
 * streamstorm.
 */
final class LagProbe implements AutoCloseable {

  private static final long PERIOD_MS = 10;

  private final List<Context> loops;
  private final Recorder recorder = new Recorder(3);
  private final ScheduledExecutorService probe =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "streamstorm-floor-lag-probe");
            t.setDaemon(true);
            return t;
          });
  private Histogram window;

  LagProbe(List<Context> loops) {
    this.loops = loops;
    probe.scheduleAtFixedRate(this::probeOnce, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  private void probeOnce() {
    for (Context loop : loops) {
      long postedNs = System.nanoTime();
      loop.runOnContext(v -> recorder.recordValue((System.nanoTime() - postedNs) / 1_000));
    }
  }

  /** Forgets what was probed before the window. */
  void windowStarts() {
    recorder.reset();
  }

  /** Keeps what was probed in the window. */
  void windowEnds() {
    window = recorder.getIntervalHistogram();
  }

  Lag lag() {
    return Lag.of(window);
  }

  @Override
  public void close() {
    probe.shutdownNow();
  }
}
