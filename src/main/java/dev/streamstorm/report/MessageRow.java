package dev.streamstorm.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.streamstorm.metrics.MessageOutcome;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of {@code --csv messages.csv}: one message. Times are milliseconds with microsecond
 * precision (exact decimals, never exponents); an empty cell means the instant never came (no first
 * token on a failed message).
 *
 * @param startMs intended start, ms since the run's start
 * @param startTime intended start, ISO-8601 wall clock
 * @param user the virtual user (or arrival) number
 * @param conversation conversation name
 * @param turn 1-based turn
 * @param status ok, failed, or interrupted (the run ended first)
 * @param errorClass the error class of a failed message
 * @param ttfbMs start to response headers (SSE) or first frame (WebSocket)
 * @param ttftMs start to first answer token
 * @param ttfrMs start to first reasoning token
 * @param ttfcMs start to first tool call
 * @param e2eMs start to end of message (or to the failure)
 * @param ttftServiceMs actual send of the last attempt to first content token
 * @param sendDelayMs actual first send minus intended start
 * @param tokens answer tokens (server usage, tokenizer or chunks: see tokenSource)
 * @param tokenSource where {@code tokens} came from: usage, tokenizer or chunks
 * @param reasoningTokens reasoning tokens
 * @param toolCalls tool calls started
 * @param inputTokens the request's input tokens, when known
 * @param chunks answer chunks received
 * @param retries attempts after the first
 * @param retryWaitMs time waited between attempts
 * @param warmup true when the message started inside the warm-up (not in the results)
 * @param errorMessage what went wrong, for a failed message
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "start_ms",
  "start_time",
  "user",
  "conversation",
  "turn",
  "status",
  "error_class",
  "ttfb_ms",
  "ttft_ms",
  "ttfr_ms",
  "ttfc_ms",
  "e2e_ms",
  "ttft_service_ms",
  "send_delay_ms",
  "tokens",
  "token_source",
  "reasoning_tokens",
  "tool_calls",
  "input_tokens",
  "chunks",
  "retries",
  "retry_wait_ms",
  "warmup",
  "error_message"
})
record MessageRow(
    BigDecimal startMs,
    String startTime,
    int user,
    String conversation,
    int turn,
    String status,
    String errorClass,
    BigDecimal ttfbMs,
    BigDecimal ttftMs,
    BigDecimal ttfrMs,
    BigDecimal ttfcMs,
    BigDecimal e2eMs,
    BigDecimal ttftServiceMs,
    BigDecimal sendDelayMs,
    Long tokens,
    String tokenSource,
    Long reasoningTokens,
    Integer toolCalls,
    Long inputTokens,
    int chunks,
    int retries,
    BigDecimal retryWaitMs,
    boolean warmup,
    String errorMessage) {

  /**
   * @param runStartNs the run's start (System.nanoTime())
   * @param runStartEpochNs the same instant as nanoseconds since the epoch
   * @param warmupNs length of the warm-up
   */
  static MessageRow of(MessageOutcome o, long runStartNs, long runStartEpochNs, long warmupNs) {
    long sinceStartNs = o.intendedStartNs() - runStartNs;
    long epochNs = runStartEpochNs + sinceStartNs;
    return new MessageRow(
        millis(sinceStartNs),
        Instant.ofEpochSecond(0, epochNs).toString(),
        o.vu(),
        o.conversation(),
        o.turn(),
        o.interrupted() ? "interrupted" : o.ok() ? "ok" : "failed",
        o.error() == null ? null : o.error().id(),
        since(o.intendedStartNs(), o.firstByteNs()),
        since(o.intendedStartNs(), o.firstTokenNs()),
        since(o.intendedStartNs(), o.firstReasoningNs()),
        since(o.intendedStartNs(), o.firstToolCallNs()),
        since(o.intendedStartNs(), o.endNs()),
        since(o.lastAttemptStartNs(), o.firstTokenNs()),
        since(o.intendedStartNs(), o.sendStartNs()),
        o.ok() ? o.tokens() : null,
        o.ok() ? o.tokenSource().id() : null,
        o.ok() ? o.reasoningTokens() : null,
        o.ok() ? o.toolCalls() : null,
        o.ok() && o.inputTokens() >= 0 ? o.inputTokens() : null,
        o.chunks(),
        Math.max(0, o.attempts() - 1),
        o.attempts() > 1 ? millis(o.retryWaitNs()) : null,
        sinceStartNs < warmupNs,
        o.errorMessage());
  }

  private static BigDecimal since(long fromNs, long toNs) {
    if (fromNs == MessageOutcome.NONE || toNs == MessageOutcome.NONE) {
      return null;
    }
    return millis(toNs - fromNs);
  }

  /** Nanoseconds as milliseconds with three decimals (µs), written without an exponent. */
  private static BigDecimal millis(long nanos) {
    return BigDecimal.valueOf(Math.floorDiv(nanos, 1_000L), 3);
  }
}
