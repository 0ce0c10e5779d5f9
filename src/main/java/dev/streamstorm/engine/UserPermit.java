package dev.streamstorm.engine;

/**
 * One user's claim on its loop's {@link ConnectionPermits}: held while the user keeps a connection,
 * waited for (FIFO) when none is free. Confined to the user's event loop.
 */
final class UserPermit {
  private final ConnectionPermits permits;
  private boolean held;
  private Runnable waiting;

  UserPermit(ConnectionPermits permits) {
    this.permits = permits;
  }

  /** Runs {@code then} once the user holds a permit; {@code stillWanted} is asked on hand-over. */
  void withPermit(Runnable then, java.util.function.BooleanSupplier stillWanted) {
    if (held) {
      then.run();
      return;
    }
    waiting =
        () -> {
          waiting = null;
          held = true;
          if (stillWanted.getAsBoolean()) {
            then.run();
          } else {
            release();
          }
        };
    permits.acquire(waiting);
  }

  boolean isWaiting() {
    return waiting != null;
  }

  /** Stops waiting (the user left); true when it was waiting. */
  boolean cancelWait() {
    if (waiting == null) {
      return false;
    }
    permits.cancel(waiting);
    waiting = null;
    return true;
  }

  void release() {
    if (held) {
      held = false;
      permits.release();
    }
  }
}
