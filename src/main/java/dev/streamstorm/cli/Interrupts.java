package dev.streamstorm.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM during a run: the first stops gracefully (messages in flight finish, every
 * output is written), the second cuts messages in flight, the third exits at once. A shutdown hook
 * cannot do this (a JVM in shutdown ignores further signals), so the signals are caught directly.
 */
final class Interrupts {
  private static final AtomicInteger presses = new AtomicInteger();
  private static volatile Runnable first = () -> {};
  private static volatile Runnable second = () -> {};
  private static volatile boolean installed;

  private Interrupts() {}

  static synchronized void onInterrupt(Runnable onFirst, Runnable onSecond) {
    first = onFirst;
    second = onSecond;
    presses.set(0);
    if (!installed) {
      installed = true;
      for (String name : new String[] {"INT", "TERM"}) {
        try {
          Signal.handle(new Signal(name), sig -> pressed());
        } catch (IllegalArgumentException unsupported) {
          // This platform does not deliver that signal; the default behaviour stays.
        }
      }
    }
  }

  /** The run is over: a signal now ends the process as usual. */
  static void done() {
    first = () -> System.exit(130);
    second = () -> Runtime.getRuntime().halt(130);
  }

  private static void pressed() {
    int n = presses.incrementAndGet();
    if (n == 1) {
      first.run();
    } else if (n == 2) {
      second.run();
    } else {
      Runtime.getRuntime().halt(130);
    }
  }
}
