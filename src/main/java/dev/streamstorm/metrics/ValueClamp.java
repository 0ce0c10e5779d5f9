package dev.streamstorm.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Keeps recorded values inside the histograms' range: negatives become 0, values above {@link
 * #MAX_VALUE} are clamped, and clamping is reported at most once a minute.
 */
final class ValueClamp {
  /** One hour in microseconds: anything longer is not a latency worth resolving. */
  static final long MAX_VALUE = 3_600_000_000L;

  private static final long WARN_EVERY_NS = 60_000_000_000L;
  private static final AtomicLong lastWarnNs = new AtomicLong(System.nanoTime() - WARN_EVERY_NS);
  private static volatile Consumer<String> warnings = System.err::println;

  private ValueClamp() {}

  static long clamp(String metric, long value) {
    if (value < 0) {
      return 0;
    }
    if (value > MAX_VALUE) {
      long now = System.nanoTime();
      long last = lastWarnNs.get();
      if (now - last >= WARN_EVERY_NS && lastWarnNs.compareAndSet(last, now)) {
        warnings.accept(
            "warning: a "
                + metric
                + " value of "
                + value
                + " exceeds the histogram range; clamped");
      }
      return MAX_VALUE;
    }
    return value;
  }

  /** Where clamping warnings go (the CLI routes them to its console). */
  static void warningsTo(Consumer<String> sink) {
    warnings = sink;
  }
}
