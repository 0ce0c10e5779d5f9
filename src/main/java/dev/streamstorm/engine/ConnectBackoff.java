package dev.streamstorm.engine;

import java.util.SplittableRandom;

/**
 * A user's wait after messages that could not connect: 100 ms, then doubling to 5 s at most, each
 * drawn between half and all of that (jitter, so that users refused together do not return
 * together), and back to none once the server answers. Without it a refused connection fails in
 * microseconds and a closed-model user tries again at once: 20,000 attempts in 3 s from 2 users,
 * all of them counted as failed messages of a target that was simply down.
 */
final class ConnectBackoff {
  static final long FIRST_NS = 100_000_000L;
  static final long MAX_NS = 5_000_000_000L;

  private long nextNs;

  /** A message could not connect: the next one waits longer. */
  void refused() {
    nextNs = nextNs == 0 ? FIRST_NS : Math.min(MAX_NS, nextNs * 2);
  }

  /** The server answered (whatever it said): no wait. */
  void answered() {
    nextNs = 0;
  }

  /** How long to wait before the next message: 0 unless the last ones were refused. */
  long delayNs(SplittableRandom random) {
    return nextNs == 0 ? 0 : nextNs / 2 + random.nextLong(nextNs / 2 + 1);
  }
}
