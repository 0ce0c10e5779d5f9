package dev.streamstorm.metrics;

import java.util.Map;

/**
 * What happened to one message, as measured by the client. All instants are System.nanoTime()
 * values taken where the bytes arrived; absent instants are {@link #NONE}. Built with {@link
 * #builder()}.
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
 * @param firstTokenNs first answer token
 * @param firstReasoningNs first reasoning token
 * @param firstToolCallNs first tool call started
 * @param endNs end of message, or when it failed
 * @param chunks answer chunks received
 * @param tokens answer tokens (see {@code tokenSource})
 * @param tokenSource where {@code tokens} came from
 * @param reasoningTokens reasoning tokens (0 without a reasoning channel)
 * @param reasoningSource where {@code reasoningTokens} came from
 * @param inputTokens the request's input tokens, or -1 when not known
 * @param inputSource where {@code inputTokens} came from
 * @param toolCalls tool calls started
 * @param error null when the message succeeded
 * @param errorMessage a short description of the failure, null on success
 * @param attempts attempts made (1 without retries)
 * @param retryWaitNs time spent waiting between attempts
 * @param reconnects stream reconnections made (EventSource-style, when enabled)
 * @param usage numbers the server reported for this message (llm_calls, ...)
 * @param interrupted the run ended before the message did (in flight, or waiting to retry, when the
 *     graceful stop ran out): neither ok nor failed, {@code error} is null
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
    long firstReasoningNs,
    long firstToolCallNs,
    long endNs,
    int chunks,
    long tokens,
    CountSource tokenSource,
    long reasoningTokens,
    CountSource reasoningSource,
    long inputTokens,
    CountSource inputSource,
    int toolCalls,
    ErrorClass error,
    String errorMessage,
    int attempts,
    long retryWaitNs,
    int reconnects,
    Map<String, Double> usage,
    boolean interrupted) {

  public static final long NONE = Long.MIN_VALUE;

  public static Builder builder() {
    return new Builder();
  }

  public boolean ok() {
    return error == null && !interrupted;
  }

  public long ttftNs() {
    return since(firstTokenNs);
  }

  public long ttfrNs() {
    return since(firstReasoningNs);
  }

  public long ttfcNs() {
    return since(firstToolCallNs);
  }

  public long e2eNs() {
    return endNs - intendedStartNs;
  }

  /** Time per answer token after the first; NONE with fewer than two tokens. */
  public long tpotNs() {
    if (firstTokenNs == NONE || tokens < 2) {
      return NONE;
    }
    return (endNs - firstTokenNs) / (tokens - 1);
  }

  private long since(long instantNs) {
    return instantNs == NONE ? NONE : instantNs - intendedStartNs;
  }

  /**
   * Collects a message's values as they become known. Instants default to {@link #NONE}, counts to
   * 0, sources to chunks (input: none), attempts to 1.
   */
  public static final class Builder {
    private int vu;
    private String conversation = "";
    private int turn = 1;
    private long iteration;
    private long intendedStartNs;
    private long sendStartNs;
    private long lastAttemptStartNs;
    private long firstByteNs = NONE;
    private long firstTokenNs = NONE;
    private long firstReasoningNs = NONE;
    private long firstToolCallNs = NONE;
    private long endNs;
    private int chunks;
    private long tokens;
    private CountSource tokenSource = CountSource.CHUNKS;
    private long reasoningTokens;
    private CountSource reasoningSource = CountSource.CHUNKS;
    private long inputTokens = -1;
    private CountSource inputSource = CountSource.NONE;
    private int toolCalls;
    private ErrorClass error;
    private String errorMessage;
    private int attempts = 1;
    private long retryWaitNs;
    private int reconnects;
    private Map<String, Double> usage = Map.of();
    private boolean interrupted;

    private Builder() {}

    /** Who sent it: user, conversation, turn and the user's conversation count. */
    public Builder message(int vu, String conversation, int turn, long iteration) {
      this.vu = vu;
      this.conversation = conversation;
      this.turn = turn;
      this.iteration = iteration;
      return this;
    }

    /** When it should have started, was first sent, and was last sent (a retry). */
    public Builder starts(long intendedStartNs, long sendStartNs, long lastAttemptStartNs) {
      this.intendedStartNs = intendedStartNs;
      this.sendStartNs = sendStartNs;
      this.lastAttemptStartNs = lastAttemptStartNs;
      return this;
    }

    public Builder firstByteNs(long ns) {
      this.firstByteNs = ns;
      return this;
    }

    public Builder firstTokenNs(long ns) {
      this.firstTokenNs = ns;
      return this;
    }

    public Builder firstReasoningNs(long ns) {
      this.firstReasoningNs = ns;
      return this;
    }

    public Builder firstToolCallNs(long ns) {
      this.firstToolCallNs = ns;
      return this;
    }

    public Builder endNs(long ns) {
      this.endNs = ns;
      return this;
    }

    public Builder chunks(int chunks) {
      this.chunks = chunks;
      return this;
    }

    public Builder tokens(long tokens, CountSource source) {
      this.tokens = tokens;
      this.tokenSource = source;
      return this;
    }

    public Builder reasoningTokens(long tokens, CountSource source) {
      this.reasoningTokens = tokens;
      this.reasoningSource = source;
      return this;
    }

    public Builder inputTokens(long tokens, CountSource source) {
      this.inputTokens = tokens;
      this.inputSource = source;
      return this;
    }

    public Builder toolCalls(int toolCalls) {
      this.toolCalls = toolCalls;
      return this;
    }

    /** The failure; null error for a success. */
    public Builder error(ErrorClass error, String message) {
      this.error = error;
      this.errorMessage = message;
      return this;
    }

    public Builder attempts(int attempts, long retryWaitNs) {
      this.attempts = attempts;
      this.retryWaitNs = retryWaitNs;
      return this;
    }

    public Builder reconnects(int reconnects) {
      this.reconnects = reconnects;
      return this;
    }

    public Builder usage(Map<String, Double> usage) {
      this.usage = usage;
      return this;
    }

    /** The run ended before the message did; {@code why} says how (no error class). */
    public Builder interrupted(String why) {
      this.interrupted = true;
      this.error = null;
      this.errorMessage = why;
      return this;
    }

    public MessageOutcome build() {
      return new MessageOutcome(
          vu,
          conversation,
          turn,
          iteration,
          intendedStartNs,
          sendStartNs,
          lastAttemptStartNs,
          firstByteNs,
          firstTokenNs,
          firstReasoningNs,
          firstToolCallNs,
          endNs,
          chunks,
          tokens,
          tokenSource,
          reasoningTokens,
          reasoningSource,
          inputTokens,
          inputSource,
          toolCalls,
          error,
          errorMessage,
          attempts,
          retryWaitNs,
          reconnects,
          usage,
          interrupted);
    }
  }
}
