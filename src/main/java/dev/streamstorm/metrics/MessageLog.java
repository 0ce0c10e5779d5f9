package dev.streamstorm.metrics;

/**
 * Receives every finished message (for per-message outputs such as CSV). Called on the user's event
 * loop, so an implementation must not block: hand the row to another thread.
 */
public interface MessageLog {

  /**
   * @param outcome the message
   * @param runStartNs the run's start (System.nanoTime()), to turn instants into offsets
   */
  void onMessage(MessageOutcome outcome, long runStartNs);

  MessageLog NONE = (o, s) -> {};
}
