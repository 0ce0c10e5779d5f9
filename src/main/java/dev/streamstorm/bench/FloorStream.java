package dev.streamstorm.bench;

/**
 * One stream of the floor client: its connection, confined to the event loop it was opened on.
 * Everything it shares with the client's other streams it reads from one {@link FloorShared}.
 */
abstract class FloorStream {

  private static final long RETRY_MS = 1_000;

  final FloorShared shared;
  private final int index;
  private long messagesSent;
  private String requestId;
  private long sentNs;

  /** When the message was actually sent, after its connection opened. */
  private long sendNs;

  private boolean inFlightNow;

  /**
   * When the stream's next message was meant to start, if that was before its connection was opened
   * (its first message: the ramp's instant; after a failure: the retry), else -1. That message's
   * clock starts there, connection set-up included, as streamstorm's does (its clock starts at the
   * intended start, docs/metrics.md); later messages, on the open connection, start at their send.
   */
  long intendedNs = -1;

  FloorStream(FloorShared shared, int index) {
    this.shared = shared;
    this.index = index;
  }

  abstract void open();

  void failedThenRetry() {
    ended();
    shared.failed.increment();
    if (!shared.stopped) {
      shared.vertx.setTimer(
          RETRY_MS,
          t -> {
            intendedNs = System.nanoTime();
            open();
          });
    }
  }

  /** Starts a message (false once draining: nothing new is sent). */
  boolean begin() {
    if (!shared.sending) {
      return false;
    }
    if (shared.timings != null) {
      sendNs = System.nanoTime();
      sentNs = intendedNs >= 0 ? intendedNs : sendNs;
      intendedNs = -1;
    }
    inFlightNow = true;
    shared.inFlight.incrementAndGet();
    return true;
  }

  /** The message ended, well or not. */
  void ended() {
    if (inFlightNow) {
      inFlightNow = false;
      shared.inFlight.decrementAndGet();
    }
  }

  /** A connection opened: its set-up time, for the cold step. */
  void connected(long connectNs) {
    if (shared.timings != null) {
      shared.timings.connect(System.nanoTime() - connectNs);
    }
  }

  String nextRequestId() {
    requestId = "floor-" + index + "-" + (++messagesSent);
    return requestId;
  }

  void firstByteArrived(long arrivalNs) {
    if (shared.timings != null) {
      shared.timings.firstByte(arrivalNs - sentNs);
    }
  }

  void firstTokenArrived(long arrivalNs) {
    shared.firstTokens.record(requestId, arrivalNs);
    if (shared.timings != null) {
      shared.timings.firstToken(arrivalNs - sentNs);
      shared.timings.firstTokenFromSend(arrivalNs - sendNs);
    }
  }
}
