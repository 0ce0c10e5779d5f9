package dev.streamstorm.cluster;

import dev.streamstorm.metrics.CountSource;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.ErrorSample;
import dev.streamstorm.metrics.MessageOutcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finished messages (for per-message outputs such as CSV) and error samples on the wire. A
 * message's instants travel as offsets from the sender's run start; its user number is made unique
 * across agents by interleaving (agent k of n numbers its users k+1, k+1+n, ...).
 */
final class OutcomeCodec {
  private OutcomeCodec() {}

  static JsonArray encode(MessageOutcome o, long runStartNs) {
    JsonObject usage = new JsonObject();
    o.usage().forEach(usage::put);
    return new JsonArray()
        .add(o.vu())
        .add(o.conversation())
        .add(o.turn())
        .add(o.iteration())
        .add(offset(o.intendedStartNs(), runStartNs))
        .add(offset(o.sendStartNs(), runStartNs))
        .add(offset(o.lastAttemptStartNs(), runStartNs))
        .add(offset(o.firstByteNs(), runStartNs))
        .add(offset(o.firstTokenNs(), runStartNs))
        .add(offset(o.firstReasoningNs(), runStartNs))
        .add(offset(o.firstToolCallNs(), runStartNs))
        .add(offset(o.endNs(), runStartNs))
        .add(o.chunks())
        .add(o.tokens())
        .add(o.tokenSource().name())
        .add(o.reasoningTokens())
        .add(o.reasoningSource().name())
        .add(o.inputTokens())
        .add(o.inputSource().name())
        .add(o.toolCalls())
        .add(o.error() == null ? null : o.error().name())
        .add(o.errorMessage())
        .add(o.attempts())
        .add(o.retryWaitNs())
        .add(o.reconnects())
        .add(usage)
        .add(o.interrupted());
  }

  /** The message on this JVM's clock ({@code baseNs} is the run start here). */
  static MessageOutcome decode(JsonArray a, long baseNs, int agent, int agents) {
    Map<String, Double> usage = new LinkedHashMap<>();
    a.getJsonObject(25).forEach(e -> usage.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
    String error = a.getString(20);
    MessageOutcome.Builder b =
        MessageOutcome.builder()
            .message(
                (a.getInteger(0) - 1) * agents + agent + 1,
                a.getString(1),
                a.getInteger(2),
                a.getLong(3))
            .starts(
                instant(a.getLong(4), baseNs),
                instant(a.getLong(5), baseNs),
                instant(a.getLong(6), baseNs))
            .firstByteNs(instant(a.getLong(7), baseNs))
            .firstTokenNs(instant(a.getLong(8), baseNs))
            .firstReasoningNs(instant(a.getLong(9), baseNs))
            .firstToolCallNs(instant(a.getLong(10), baseNs))
            .endNs(instant(a.getLong(11), baseNs))
            .chunks(a.getInteger(12))
            .tokens(a.getLong(13), CountSource.valueOf(a.getString(14)))
            .reasoningTokens(a.getLong(15), CountSource.valueOf(a.getString(16)))
            .inputTokens(a.getLong(17), CountSource.valueOf(a.getString(18)))
            .toolCalls(a.getInteger(19))
            .error(error == null ? null : ErrorClass.valueOf(error), a.getString(21))
            .attempts(a.getInteger(22), a.getLong(23))
            .reconnects(a.getInteger(24))
            .usage(usage);
    if (a.getBoolean(26)) {
      b.interrupted(a.getString(21));
    }
    return b.build();
  }

  static JsonObject encode(ErrorSample e) {
    return new JsonObject()
        .put("errorClass", e.errorClass())
        .put("message", e.message())
        .put("conversation", e.conversation())
        .put("turn", e.turn());
  }

  static ErrorSample decodeSample(JsonObject j) {
    return new ErrorSample(
        j.getString("errorClass"),
        j.getString("message"),
        j.getString("conversation"),
        j.getInteger("turn", 0));
  }

  private static long offset(long instantNs, long runStartNs) {
    return instantNs == MessageOutcome.NONE ? MessageOutcome.NONE : instantNs - runStartNs;
  }

  private static long instant(long offsetNs, long baseNs) {
    return offsetNs == MessageOutcome.NONE ? MessageOutcome.NONE : baseNs + offsetNs;
  }
}
