package dev.streamstorm.protocol;

import io.vertx.core.Future;

/**
 * One virtual user's side of its HTTP/2 streams, kept across its messages: the event loop's shared
 * connections it takes streams on ({@link H2Connections}), or a connection of its own per stream
 * without {@code connection.reuse}. Thread confinement: the user's event loop only.
 */
final class H2UserStreams {

  private final H2Connections connections;
  private final boolean reuse;

  H2UserStreams(H2Connections connections, boolean reuse) {
    this.connections = connections;
    this.reuse = reuse;
  }

  /** A place for a new stream: on a shared connection, or on one of its own without reuse. */
  Future<H2Connections.Slot> acquire() {
    return connections.acquire(reuse);
  }

  /** A stream is over: its connection has room again. */
  void release(H2Connections.Slot slot) {
    connections.release(slot);
  }
}
