package dev.streamstorm.engine;

import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Scenario;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The end of a run once a stop was asked for: every user and arrival is retired (each leaves after
 * its current message), the messages still going are cut as interrupted when the graceful stop runs
 * out, and the run is over when no user and no message is left, or a while after the cut if some
 * never answer it. Confined to the run's ticker thread.
 */
final class RunDrain {
  private static final long DRAIN_AFTER_CUT_NS = TimeUnit.SECONDS.toNanos(5);

  private final RunContext run;
  private final RunUsers users;
  private final LoadDriver driver;
  private final GeneratorMonitor monitor;
  private final long graceNs;
  private long stopRequestedNs = -1;
  private long cutNs = -1;

  RunDrain(
      Scenario scenario,
      RunContext run,
      RunUsers users,
      LoadDriver driver,
      GeneratorMonitor monitor) {
    this.run = run;
    this.users = users;
    this.driver = driver;
    this.monitor = monitor;
    this.graceNs = gracefulStop(scenario).toNanos();
  }

  /** A stop was asked for: retire the load (once; later requests change nothing). */
  void stopRequested() {
    if (stopRequestedNs >= 0) {
      return;
    }
    stopRequestedNs = System.nanoTime();
    driver.retireAll();
    users.retireAll();
  }

  /**
   * Called every tick: cuts the users still there when the graceful stop has run out; true when the
   * run is over (drained, or given up on after the cut), false while it drains or before a stop.
   */
  boolean over(long now) {
    if (stopRequestedNs < 0) {
      return false;
    }
    if (cutNs < 0 && !users.isEmpty() && now - stopRequestedNs >= graceNs) {
      cut(now);
    }
    boolean drained = users.isEmpty() && run.inFlight.get() == 0;
    boolean givenUp = cutNs >= 0 && now - cutNs >= DRAIN_AFTER_CUT_NS;
    return drained || givenUp;
  }

  /**
   * Cuts every user's message in flight, recorded as interrupted (once). The loops' lag is no
   * longer measured from here: 19,413 messages cut at once held a loop for 483 ms, after every
   * measured message, and the summary reported it as the generator delaying messages.
   */
  void cut(long now) {
    if (cutNs < 0) {
      cutNs = now;
      monitor.stopProbing();
      users.cutAll();
    }
  }

  private static Duration gracefulStop(Scenario scenario) {
    return scenario.load() instanceof LoadSpec.Open o
        ? o.gracefulStop()
        : ((LoadSpec.Closed) scenario.load()).gracefulStop();
  }
}
