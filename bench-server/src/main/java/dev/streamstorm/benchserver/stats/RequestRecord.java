package dev.streamstorm.benchserver.stats;

/**
 * What the server did for one request. Every {@code *Nanos} is {@code System.nanoTime()} taken just
 * before the bytes were handed to the socket, so a client on the same machine can compare it with
 * its own nanoTime (also across JVMs on Linux: one monotonic clock). Null when that point was never
 * reached.
 *
 * @param outcome ok, error (an error status was answered), stream_error (an error event ended a
 *     stream: the error_event and failed faults), dropped (drop fault), client_closed
 * @param fault the fault applied ("none" when none)
 * @param firstTokenNanos the first ANSWER token (reasoning and tool calls have their own)
 * @param tokens answer tokens written
 * @param queueWaitMicros time spent waiting for a capacity slot
 * @param firstReasoningNanos the first reasoning token
 * @param firstToolCallNanos the first tool-call start event (model tool call or agent tool_call)
 * @param reasoningTokens reasoning tokens written
 * @param toolCalls tool calls started
 */
public record RequestRecord(
    String id,
    String endpoint,
    int status,
    String outcome,
    String fault,
    long startEpochMs,
    long acceptedNanos,
    Long headersNanos,
    Long firstTokenNanos,
    Long lastTokenNanos,
    int tokens,
    long queueWaitMicros,
    Long firstReasoningNanos,
    Long firstToolCallNanos,
    int reasoningTokens,
    int toolCalls) {

  /** A request answered without streaming anything (refusals, and plain JSON routes). */
  public static RequestRecord unstreamed(
      String id,
      String endpoint,
      int status,
      String outcome,
      long startEpochMs,
      long acceptedNanos,
      Long headersNanos) {
    return new RequestRecord(
        id,
        endpoint,
        status,
        outcome,
        "none",
        startEpochMs,
        acceptedNanos,
        headersNanos,
        null,
        null,
        0,
        0,
        null,
        null,
        0,
        0);
  }
}
