package dev.streamstorm.cli;

import dev.streamstorm.scenario.Durations;
import java.time.Duration;

/**
 * The ranges of the flags that size the generator itself, checked before anything starts: a value
 * outside them is a typo, not a wish (100,000 event loops are 100,000 threads, a 0 s interval
 * divides by zero).
 */
final class FlagBounds {
  /** Event loops: far more than any machine has cores; each is a thread with its recorders. */
  static final int MAX_EVENT_LOOPS = 256;

  static final Duration MIN_INTERVAL = Duration.ofMillis(100);
  static final Duration MAX_INTERVAL = Duration.ofMinutes(10);

  private FlagBounds() {}

  /** {@code --event-loops}: 1 to {@value #MAX_EVENT_LOOPS}, or 0 where 0 means one per core. */
  static int eventLoops(int value, boolean zeroMeansPerCore) {
    int min = zeroMeansPerCore ? 0 : 1;
    if (value < min || value > MAX_EVENT_LOOPS) {
      throw new UsageException(
          "--event-loops: expected "
              + (zeroMeansPerCore ? "0 (one per core) to " : "1 to ")
              + MAX_EVENT_LOOPS
              + ", got "
              + value
              + " (this machine has "
              + Runtime.getRuntime().availableProcessors()
              + " cores)");
    }
    return value;
  }

  /** {@code --interval}: 100ms to 10m. */
  static Duration interval(Duration value) {
    if (value.compareTo(MIN_INTERVAL) < 0 || value.compareTo(MAX_INTERVAL) > 0) {
      throw new UsageException("--interval: expected 100ms to 10m, got " + Durations.format(value));
    }
    return value;
  }
}
