package dev.streamstorm.engine;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.protocol.stream.UsageTally;

/**
 * What one attempt at a message has seen: its instants, counts, inter-token gaps, received text and
 * the numbers the server reported. One per virtual user, reset for each attempt and read when the
 * attempt ends, so the per-token path allocates nothing. Confined to the user's event loop; only
 * the attempt in flight writes it.
 */
final class AttemptState {
  final GapBuffer gaps = new GapBuffer();

  /** The answer's text, kept when a tokenizer counts it or the conversation's history needs it. */
  final TextBuffer answerText = new TextBuffer();

  /** The reasoning's text, kept when a tokenizer counts it. */
  final TextBuffer reasoningText = new TextBuffer();

  final UsageTally usage;

  long firstByteNs;
  long firstTokenNs;
  long firstReasoningNs;
  long firstToolCallNs;
  long lastTokenNs;
  long endNs;
  int chunks;
  int reasoningChunks;
  int toolCalls;
  int status;
  String retryAfter;
  int reconnects;
  boolean doneSeen;
  ErrorClass error;
  String errorMessage;

  AttemptState(UsageTally usage) {
    this.usage = usage;
    reset();
  }

  void reset() {
    gaps.reset();
    answerText.clear();
    reasoningText.clear();
    usage.reset();
    firstByteNs = MessageOutcome.NONE;
    firstTokenNs = MessageOutcome.NONE;
    firstReasoningNs = MessageOutcome.NONE;
    firstToolCallNs = MessageOutcome.NONE;
    lastTokenNs = 0;
    endNs = 0;
    chunks = 0;
    reasoningChunks = 0;
    toolCalls = 0;
    status = 0;
    retryAfter = null;
    reconnects = 0;
    doneSeen = false;
    error = null;
    errorMessage = null;
  }

  boolean ok() {
    return error == null;
  }

  int status() {
    return status;
  }

  String retryAfter() {
    return retryAfter;
  }

  /** Whether anything arrived on any channel: the first-token timeout is over. */
  boolean anyOutput() {
    return firstTokenNs != MessageOutcome.NONE
        || firstReasoningNs != MessageOutcome.NONE
        || firstToolCallNs != MessageOutcome.NONE;
  }
}
