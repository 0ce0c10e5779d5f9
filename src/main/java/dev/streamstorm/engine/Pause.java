package dev.streamstorm.engine;

import io.vertx.core.Vertx;

/** A user's one cancellable pause (think time, pacing, retry wait). Event-loop confined. */
final class Pause {
  private final Vertx vertx;
  private long timer = -1;
  private Runnable then;

  Pause(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Runs {@code next} after {@code nanos} (at once when not positive), on this event loop. */
  void start(long nanos, Runnable next) {
    if (nanos <= 0) {
      next.run();
      return;
    }
    then = next;
    timer =
        vertx.setTimer(
            Math.max(1, nanos / 1_000_000),
            t -> {
              timer = -1;
              Runnable r = then;
              then = null;
              r.run();
            });
  }

  void cancel() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
      then = null;
    }
  }
}
