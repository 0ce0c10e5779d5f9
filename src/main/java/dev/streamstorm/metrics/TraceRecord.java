package dev.streamstorm.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of {@code --trace}: an SSE event, comment or WebSocket frame a traced message received,
 * or that message's end. The field names are a contract other tools read (docs/outputs.md).
 *
 * @param message the traced message's number in the run (1 = the first message sent)
 * @param user the virtual user
 * @param conversation the conversation name
 * @param turn 1-based turn
 * @param tMs milliseconds from the send of the request (of its latest attempt), three decimals
 * @param kind event, comment, frame or end
 * @param type the SSE event type ("message" when none); null for frames, comments and ends
 * @param id the last event id at dispatch ("" when none); null for frames, comments and ends
 * @param retry the retry value (ms) the event's own lines set, else null
 * @param data the event's whole data (a comment's text, a frame's text), secrets masked
 * @param truncated true when {@code data} was cut at 1 MiB
 * @param cls what the rules made of it: token, reasoning, tool, done, usage, error or ignored
 * @param end for {@code kind: end}, how the message ended
 */
@JsonPropertyOrder({
  "message",
  "user",
  "conversation",
  "turn",
  "t_ms",
  "kind",
  "type",
  "id",
  "retry",
  "data",
  "truncated",
  "class",
  "outcome",
  "error",
  "tokens",
  "token_source",
  "ttft_ms",
  "e2e_ms"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceRecord(
    long message,
    int user,
    String conversation,
    int turn,
    @JsonProperty("t_ms") double tMs,
    String kind,
    String type,
    String id,
    @JsonInclude(JsonInclude.Include.ALWAYS) Long retry,
    String data,
    Boolean truncated,
    @JsonProperty("class") String cls,
    @JsonProperty("outcome") String outcome,
    @JsonProperty("error") String error,
    @JsonProperty("tokens") Long tokens,
    @JsonProperty("token_source") String tokenSource,
    @JsonProperty("ttft_ms") Double ttftMs,
    @JsonProperty("e2e_ms") Double e2eMs) {

  /** Which message a line belongs to. */
  public record Message(long number, int user, String conversation, int turn) {}

  /** A received event, comment or frame. */
  public static TraceRecord received(
      Message m,
      double tMs,
      String kind,
      String type,
      String id,
      Long retry,
      String data,
      boolean truncated,
      String cls) {
    return new TraceRecord(
        m.number(),
        m.user(),
        m.conversation(),
        m.turn(),
        tMs,
        kind,
        type,
        id,
        retry,
        data,
        truncated ? Boolean.TRUE : null,
        cls,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The end of a message: ok or its error class, with its answer tokens and first-token time. */
  public static TraceRecord end(
      Message m,
      double tMs,
      String outcome,
      String error,
      long tokens,
      String tokenSource,
      Double ttftMs,
      double e2eMs) {
    return new TraceRecord(
        m.number(),
        m.user(),
        m.conversation(),
        m.turn(),
        tMs,
        "end",
        null,
        null,
        null,
        null,
        null,
        null,
        outcome,
        error,
        tokens,
        tokenSource,
        ttftMs,
        e2eMs);
  }
}
