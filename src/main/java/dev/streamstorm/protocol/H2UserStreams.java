package dev.streamstorm.protocol;

import dev.streamstorm.protocol.sse.ChunkCopy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * One virtual user's side of its HTTP/2 streams, kept across its messages: the event loop's shared
 * connections it takes streams on ({@link H2Connections}), or a connection of its own per stream
 * without {@code connection.reuse}; the decoder kept for its next stream; and the one message
 * released with its stream still ending, reset after a grace. What {@link H2StreamCall}s and {@link
 * H2Exchange}s need of their {@link H2StreamClient}, and no more. Thread confinement: the user's
 * event loop only.
 */
final class H2UserStreams {

  /** A response's end after its done marker is waited for this long, then its stream is reset. */
  private static final long RELEASE_GRACE_NS = 2_000_000_000L;

  private final H2Connections connections;
  private final boolean reuse;

  /** The event loop's array for chunks that arrive in direct buffers, shared by its users. */
  private final ChunkCopy chunkCopy;

  /** A decoder kept for the next stream: most messages end before the next begins. */
  private H2Decoding spareDecoding;

  /** The exchange whose message is over but whose response may still be ending. */
  private H2Exchange releasing;

  private Deadline releaseGrace;

  H2UserStreams(H2Connections connections, boolean reuse, ChunkCopy chunkCopy) {
    this.connections = connections;
    this.reuse = reuse;
    this.chunkCopy = chunkCopy;
  }

  /** A place for a new stream: on a shared connection, or on one of its own without reuse. */
  Future<H2Connections.Slot> acquire() {
    return connections.acquire(reuse);
  }

  /** A stream is over: its connection has room again. */
  void release(H2Connections.Slot slot) {
    connections.release(slot);
  }

  H2Decoding takeDecoding(H2Exchange owner) {
    H2Decoding d = spareDecoding != null ? spareDecoding : new H2Decoding(chunkCopy);
    spareDecoding = null;
    d.owner = owner;
    return d;
  }

  void giveBack(H2Decoding d) {
    d.owner = null;
    if (spareDecoding == null) {
      spareDecoding = d;
    }
  }

  /**
   * Holds a released exchange whose stream may still be ending: it takes no one's connection, but
   * it holds a stream, so after the grace it is cancelled (its stream reset). One held before it is
   * cancelled at once. False off an event loop (no timer to wait with): the caller cancels it.
   */
  boolean holdReleased(H2Exchange exchange) {
    Context loop = Vertx.currentContext();
    if (loop == null) {
      return false;
    }
    if (releasing != null) {
      releasing.cancel();
    }
    if (releaseGrace == null) {
      releaseGrace = new Deadline(loop.owner());
    }
    releasing = exchange;
    releaseGrace.set(
        System.nanoTime() + RELEASE_GRACE_NS,
        () -> {
          if (releasing != null) {
            releasing.cancel();
          }
        });
    return true;
  }

  /** An exchange is over: if it was the one held released, its grace is cleared. */
  void finished(H2Exchange exchange) {
    if (releasing == exchange) {
      releasing = null;
      releaseGrace.clear();
    }
  }

  /** The user is leaving: the released exchange is cancelled and the grace timer closed. */
  void close() {
    if (releasing != null) {
      releasing.cancel();
    }
    if (releaseGrace != null) {
      releaseGrace.close();
    }
  }
}
