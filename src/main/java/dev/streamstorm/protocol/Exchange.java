package dev.streamstorm.protocol;

/** A message on the wire, from the sender's side. Called on the user's event loop only. */
public interface Exchange {

  /** Cuts the exchange now (timeout, end of run); the listener hears nothing more. */
  void cancel();

  /**
   * The user is done with this message (its end marker arrived); let the transport finish the
   * response in the background so the connection can be reused.
   */
  void release();

  /** The last SSE event id seen (for Last-Event-ID on a reconnection), "" when none. */
  default String lastEventId() {
    return "";
  }

  /** The reconnection delay the server asked for with {@code retry:}, or -1 when it did not. */
  default long retryMillis() {
    return -1;
  }
}
