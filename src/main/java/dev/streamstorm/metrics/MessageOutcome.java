package dev.streamstorm.metrics;

import java.util.Map;

/**
 * What happened to one message, as measured by the client. All instants are System.nanoTime()
 * values taken where the bytes arrived; absent instants are {@link #NONE}.
 *
 * @param vu the virtual user (or arrival) number
 * @param conversation the conversation name
 * @param turn 1-based turn
 * @param iteration the user's conversation count when the message was sent (1-based; 0 when not
 *     known): with {@code vu} and {@code turn} it names the message uniquely within a run, as the
 *     {@code ${vu}}, {@code ${iteration}} and {@code ${turn}} template variables do
 * @param intendedStartNs when the message should have started: its clock starts here
 * @param sendStartNs when its first attempt was actually sent
 * @param lastAttemptStartNs when its last attempt was sent (equals sendStartNs without retries)
 * @param firstByteNs response headers (SSE) or first frame (WebSocket) of the last attempt
 * @param firstTokenNs first content token
 * @param endNs end of message, or when it failed
 * @param chunks content chunks received
 * @param serverTokens output tokens the server reported, or -1 when it reported none
 * @param error null when the message succeeded
 * @param errorMessage a short description of the failure, null on success
 * @param attempts attempts made (1 without retries)
 * @param retryWaitNs time spent waiting between attempts
 * @param reconnects stream reconnections made (EventSource-style, when enabled)
 * @param usage numbers the server reported for this message (llm_calls, ...)
 */
public record MessageOutcome(
    int vu,
    String conversation,
    int turn,
    long iteration,
    long intendedStartNs,
    long sendStartNs,
    long lastAttemptStartNs,
    long firstByteNs,
    long firstTokenNs,
    long endNs,
    int chunks,
    long serverTokens,
    ErrorClass error,
    String errorMessage,
    int attempts,
    long retryWaitNs,
    int reconnects,
    Map<String, Double> usage) {

  public static final long NONE = Long.MIN_VALUE;

  /** A message whose iteration is not known (0). */
  public MessageOutcome(
      int vu,
      String conversation,
      int turn,
      long intendedStartNs,
      long sendStartNs,
      long lastAttemptStartNs,
      long firstByteNs,
      long firstTokenNs,
      long endNs,
      int chunks,
      long serverTokens,
      ErrorClass error,
      String errorMessage,
      int attempts,
      long retryWaitNs,
      int reconnects,
      Map<String, Double> usage) {
    this(
        vu,
        conversation,
        turn,
        0,
        intendedStartNs,
        sendStartNs,
        lastAttemptStartNs,
        firstByteNs,
        firstTokenNs,
        endNs,
        chunks,
        serverTokens,
        error,
        errorMessage,
        attempts,
        retryWaitNs,
        reconnects,
        usage);
  }

  public boolean ok() {
    return error == null;
  }

  /** Output tokens: the server's usage count when it sent one, else content chunks. */
  public long tokens() {
    return serverTokens >= 0 ? serverTokens : chunks;
  }

  public long ttftNs() {
    return firstTokenNs == NONE ? NONE : firstTokenNs - intendedStartNs;
  }

  public long e2eNs() {
    return endNs - intendedStartNs;
  }

  /** Time per output token after the first; NONE with fewer than two tokens. */
  public long tpotNs() {
    long tokens = tokens();
    if (firstTokenNs == NONE || tokens < 2) {
      return NONE;
    }
    return (endNs - firstTokenNs) / (tokens - 1);
  }
}
