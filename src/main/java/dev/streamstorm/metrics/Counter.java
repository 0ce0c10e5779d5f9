package dev.streamstorm.metrics;

/**
 * The per-tag counters kept next to the histograms; error classes follow at {@link #ERROR_BASE}.
 */
public enum Counter {
  /** Messages that succeeded. */
  OK,
  /** Messages that failed (any error class). */
  FAILED,
  /** Messages cut by the end of the run (neither ok nor failed). */
  INTERRUPTED,
  /** Answer tokens of successful messages. */
  TOKENS,
  /** Reasoning tokens of successful messages. */
  REASONING_TOKENS,
  /** Input tokens of successful messages (where known). */
  INPUT_TOKENS,
  /** Tool calls started in successful messages. */
  TOOL_CALLS,
  /** Successful messages whose answer tokens came from the server's usage... */
  TOKENS_FROM_USAGE,
  /** ...from a tokenizer over the answer text... */
  TOKENS_FROM_TOKENIZER,
  /** ...or from counting answer chunks. */
  TOKENS_FROM_CHUNKS,
  /** Successful messages that met every SLO. */
  GOOD,
  /** Messages that needed at least one retry. */
  RETRIED,
  /** Retries made in all. */
  RETRIES,
  /** Stream reconnections made. */
  RECONNECTS,
  /** Session set-up calls that succeeded. */
  SESSIONS_OK,
  /** Session set-up calls that failed (the user tries again a second later). */
  SESSIONS_FAILED,
  /** Successful messages with nothing on the answer and tool-call channels: rules found nothing. */
  EMPTY,
  /**
   * Requests sent while the previous message's response was still ending, which took another
   * connection (counted under the run's tag only).
   */
  OVERLAPPED;

  /** Final failures by error class start here. */
  public static final int ERROR_BASE = values().length;

  /** Failed attempts that were retried, by error class, start here. */
  public static final int RETRIED_ERROR_BASE = ERROR_BASE + ErrorClass.values().length;

  /** Failed session set-ups, by error class, start here. */
  public static final int SESSION_ERROR_BASE = RETRIED_ERROR_BASE + ErrorClass.values().length;

  public static final int SIZE = SESSION_ERROR_BASE + ErrorClass.values().length;

  public static int errorIndex(ErrorClass c) {
    return ERROR_BASE + c.ordinal();
  }

  public static int retriedErrorIndex(ErrorClass c) {
    return RETRIED_ERROR_BASE + c.ordinal();
  }

  public static int sessionErrorIndex(ErrorClass c) {
    return SESSION_ERROR_BASE + c.ordinal();
  }
}
