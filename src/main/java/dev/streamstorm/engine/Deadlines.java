package dev.streamstorm.engine;

import dev.streamstorm.protocol.Deadline;
import io.vertx.core.Vertx;

/** A user's two message timeouts, reused by every message it sends. Event-loop confined. */
record Deadlines(Deadline firstToken, Deadline message) {

  static Deadlines on(Vertx vertx) {
    return new Deadlines(new Deadline(vertx), new Deadline(vertx));
  }

  /** The user is leaving: no timer of its stays on the loop. */
  void close() {
    firstToken.close();
    message.close();
  }
}
