package dev.streamstorm.bench;

import dev.streamstorm.engine.GcPauses;
import java.net.URI;

/**
 * The floor client's half of the cold-start step, run in a fresh JVM ({@code streamstorm
 * bench-floor}, a hidden command): every stream opened at once, each message timed from its send to
 * its response head and first token, for a fixed time, then a graceful stop that lets the messages
 * in flight end, as streamstorm's run does.
 */
public final class ColdFloor {

  /** How long the messages in flight at the end may take to end. */
  private static final long DRAIN_MS = 30_000;

  private ColdFloor() {}

  /**
   * @param eventLoops the client's event loops (0: one per core)
   * @param seconds how long messages are started for
   */
  public static ColdFigures run(
      Workload workload, URI target, int eventLoops, boolean preferNative, double seconds)
      throws InterruptedException {
    MessageTimings timings = new MessageTimings();
    int loops = eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    GcWindow gc = GcWindow.open();
    try (FloorClient client =
        new FloorClient(workload, target, loops, preferNative, true, timings)) {
      long startNs = client.start();
      client.windowStarts(startNs);
      long endNs = startNs + (long) (seconds * 1e9);
      long waitMs = (endNs - System.nanoTime()) / 1_000_000;
      if (waitMs > 0) {
        Thread.sleep(waitMs);
      }
      client.drain(DRAIN_MS);
      client.windowEnds(startNs, System.nanoTime());
      long[] messages = client.messages();
      GcWindow.Stats pauses = gc.stats();
      return ColdFigures.of(
          timings, messages[0], messages[1], client.lag(), pauses, GcPauses.collectorName());
    } finally {
      gc.close();
    }
  }
}
