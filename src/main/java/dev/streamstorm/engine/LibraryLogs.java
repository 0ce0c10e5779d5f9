package dev.streamstorm.engine;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lines Vert.x and Netty would log (java.util.logging, to the console) during a run that
 * streamstorm measures and reports itself: each is raised to the level past which only real faults
 * pass. The loggers are held so that their levels stay set: java.util.logging keeps loggers weakly.
 */
final class LibraryLogs {

  /**
   * Vert.x logs "Connection evicted" at WARNING for every WebSocket connection a failed upgrade
   * leaves behind (11,000 lines in 8 s against a server refusing upgrades); the failures are
   * counted and sampled by class already.
   */
  private static final Logger EVICTIONS =
      Logger.getLogger("io.vertx.core.http.impl.HttpClientConnectionInternal");

  /**
   * Vert.x's blocked-thread checker prints two lines when a loop runs one task for more than 2 s (a
   * long GC pause does it too), and a stack trace past 5 s, in the middle of the progress line. The
   * generator monitor measures every loop's lag every 10 ms already, shows it each second and warns
   * in the summary.
   */
  private static final Logger BLOCKED_LOOPS =
      Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");

  /**
   * Netty logs at INFO each HTTP/2 DATA frame that arrives for a stream after it was reset
   * ("ignoring DATA frame for stream RST_STREAM sent"): what every timeout and too-large event does
   * to a stream still being written.
   */
  private static final Logger HTTP2_DECODER =
      Logger.getLogger("io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder");

  private LibraryLogs() {}

  /** Sets the levels (idempotent). */
  static void quietForRuns() {
    EVICTIONS.setLevel(Level.SEVERE);
    BLOCKED_LOOPS.setLevel(Level.SEVERE);
    HTTP2_DECODER.setLevel(Level.WARNING);
  }
}
