package dev.streamstorm.engine;

import java.util.Arrays;

/**
 * A user's reusable buffer of inter-token gaps (ns) for the message in flight: gaps are recorded
 * only once the message succeeded, and reusing the array keeps the per-token path allocation-free.
 */
final class GapBuffer {
  private long[] gaps = new long[64];
  private int size;

  void reset() {
    size = 0;
  }

  void add(long gapNs) {
    if (size == gaps.length) {
      gaps = Arrays.copyOf(gaps, size * 2);
    }
    gaps[size++] = gapNs;
  }

  int size() {
    return size;
  }

  long[] array() {
    return gaps;
  }
}
