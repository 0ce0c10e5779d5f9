package dev.streamstorm.engine;

import java.util.concurrent.CompletableFuture;

/**
 * A load test in progress, wherever it runs: in this JVM ({@link Run}) or on a cluster of agents.
 * The command line drives either the same way: wait for the outcome, stop on Ctrl-C.
 */
public interface RunControl {

  /** Completes when the load has begun (after the preparations: deployment, priming). */
  default CompletableFuture<Void> begun() {
    return CompletableFuture.completedFuture(null);
  }

  /** Completes when the test has ended and every interval has been collected. */
  CompletableFuture<RunOutcome> completion();

  /** Ends the test for {@code reason} (e.g. "interrupted" on Ctrl-C); the first reason wins. */
  void stop(String reason);

  /** Cuts messages in flight at once instead of waiting for the graceful stop (a second Ctrl-C). */
  void stopNow(String reason);
}
