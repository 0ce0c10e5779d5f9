package dev.streamstorm.bench;

import dev.streamstorm.engine.GcPauses;

/**
 * Counts this JVM's garbage-collection pauses between {@link #open()} and {@link #close()}: the
 * generator's (or the floor client's) pauses over a measured window, since both run in this JVM.
 */
final class GcWindow implements AutoCloseable {

  /**
   * The pauses of one window.
   *
   * @param pauses how many
   * @param totalMs their sum
   * @param maxMs the longest (0 without any)
   * @param pausedPercent their sum against the window's length
   */
  public record Stats(long pauses, double totalMs, double maxMs, double pausedPercent) {}

  private final GcPauses watch;
  private long openedNs;
  private long pauses;
  private long totalNs;
  private long maxNs;

  private GcWindow() {
    this.watch = GcPauses.watch(this::onPause);
  }

  /** Starts counting now. */
  static GcWindow open() {
    GcWindow w = new GcWindow();
    w.openedNs = System.nanoTime();
    return w;
  }

  private synchronized void onPause(String collector, long pauseNs) {
    pauses++;
    totalNs += pauseNs;
    maxNs = Math.max(maxNs, pauseNs);
  }

  /** What was counted so far. */
  synchronized Stats stats() {
    double windowNs = Math.max(1, System.nanoTime() - openedNs);
    return new Stats(pauses, totalNs / 1e6, maxNs / 1e6, 100 * totalNs / windowNs);
  }

  @Override
  public void close() {
    watch.close();
  }
}
