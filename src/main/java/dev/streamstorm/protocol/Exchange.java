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
}
