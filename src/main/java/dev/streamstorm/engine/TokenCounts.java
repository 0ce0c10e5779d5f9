package dev.streamstorm.engine;

import dev.streamstorm.metrics.CountSource;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.protocol.stream.UsageTally;
import dev.streamstorm.scenario.StreamSpec;

/**
 * Decides a successful message's token counts once it has ended: the server's usage where it gives
 * the number, else the tokenizer over the text received, else the chunks (docs/metrics.md, {@code
 * tokens}). Runs on the user's event loop at the message's end, never per token.
 */
final class TokenCounts {
  private TokenCounts() {}

  /**
   * Answer and reasoning tokens. The answer comes from usage when its count is the answer's alone:
   * the server reports no reasoning within it, or reports how much of it was reasoning (which is
   * subtracted), or says its count excludes reasoning; a count that includes reasoning the stream
   * showed but does not split (Anthropic's) leaves the answer to the answer channel.
   */
  static void count(
      MessageOutcome.Builder b, StreamSpec spec, AttemptState r, TokenCounter counter) {
    UsageTally usage = r.usage;
    boolean reasoningReported = usage.has(StreamInterpreter.REASONING_COUNT);
    long reasoningReportedValue =
        reasoningReported ? Math.round(usage.value(StreamInterpreter.REASONING_COUNT)) : 0;
    if (reasoningReported) {
      b.reasoningTokens(reasoningReportedValue, CountSource.USAGE);
    } else if (counter != null && r.reasoningChunks > 0) {
      b.reasoningTokens(counter.count(r.reasoningText), CountSource.TOKENIZER);
    } else {
      b.reasoningTokens(r.reasoningChunks, CountSource.CHUNKS);
    }
    if (usage.has(StreamInterpreter.TOKEN_COUNT)) {
      long total = Math.round(usage.value(StreamInterpreter.TOKEN_COUNT));
      if (!spec.tokenCountIncludesReasoning()) {
        b.tokens(total, CountSource.USAGE);
        return;
      }
      if (reasoningReported) {
        b.tokens(Math.max(0, total - reasoningReportedValue), CountSource.USAGE);
        return;
      }
      if (r.reasoningChunks == 0) {
        b.tokens(total, CountSource.USAGE);
        return;
      }
    }
    if (counter != null) {
      b.tokens(counter.count(r.answerText), CountSource.TOKENIZER);
    } else {
      b.tokens(r.chunks, CountSource.CHUNKS);
    }
  }

  /**
   * The request's input tokens: the server's count, else the tokenizer over the conversation text
   * sent (the history and the new message; other fields of the body are not counted).
   */
  static void countInput(
      MessageOutcome.Builder b,
      UsageTally usage,
      TokenCounter counter,
      History history,
      String message) {
    if (usage.has(StreamInterpreter.INPUT_COUNT)) {
      b.inputTokens(Math.round(usage.value(StreamInterpreter.INPUT_COUNT)), CountSource.USAGE);
    } else if (counter != null) {
      long n = counter.count(message);
      if (history != null) {
        n += history.tokens(counter);
      }
      b.inputTokens(n, CountSource.TOKENIZER);
    }
  }
}
