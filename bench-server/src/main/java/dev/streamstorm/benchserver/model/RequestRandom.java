package dev.streamstorm.benchserver.model;

import java.util.SplittableRandom;

/**
 * The random generator of one request: seeded from the server seed and the request's sequence
 * number (1, 2, 3, ... in order of arrival), so the n-th request of two runs with the same seed
 * draws the same faults, timings and tokens regardless of timing or event loop.
 */
public final class RequestRandom {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private RequestRandom() {}

  public static SplittableRandom forRequest(long seed, long sequence) {
    return new SplittableRandom(mix64(seed + sequence * GOLDEN_GAMMA));
  }

  /** Stafford's variant 13 finalizer: neighbouring inputs give unrelated seeds. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
