package dev.streamstorm.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of {@code --trace}: an SSE event, comment or WebSocket frame a traced message received
 * ({@link Received}), or that message's end ({@link End}). The field names are a contract other
 * tools read (docs/outputs.md).
 */
public sealed interface TraceRecord permits TraceRecord.Received, TraceRecord.End {

  /** Which message a line belongs to. */
  record Message(long number, int user, String conversation, int turn) {}

  /** The traced message's number in the run (1 = the first message sent). */
  long message();

  /** Milliseconds from the send of the request (of its latest attempt), three decimals. */
  double tMs();

  /** event, comment, frame or end. */
  String kind();

  /**
   * A received event, comment or frame.
   *
   * @param type the SSE event type ("message" when none); null for frames and comments
   * @param id the last event id at dispatch ("" when none); null for frames and comments
   * @param retry the retry value (ms) the event's own lines set, else null (always written)
   * @param data the event's whole data (a comment's text, a frame's text), secrets masked
   * @param truncated true when {@code data} was cut at 1 MiB, else null
   * @param cls what the rules made of it: token, reasoning, tool, done, usage, error or ignored
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
    "class"
  })
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Received(
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
      @JsonProperty("class") String cls)
      implements TraceRecord {}

  /**
   * The end of a message.
   *
   * @param outcome ok, an error class, or interrupted
   * @param error the failure's message, secrets masked; null when ok
   * @param tokens answer tokens
   * @param tokenSource where {@code tokens} came from; null unless ok
   * @param ttftMs from the intended start; null without an answer token
   * @param e2eMs from the intended start
   */
  @JsonPropertyOrder({
    "message",
    "user",
    "conversation",
    "turn",
    "t_ms",
    "kind",
    "outcome",
    "error",
    "tokens",
    "token_source",
    "ttft_ms",
    "e2e_ms"
  })
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record End(
      long message,
      int user,
      String conversation,
      int turn,
      @JsonProperty("t_ms") double tMs,
      String kind,
      String outcome,
      String error,
      long tokens,
      @JsonProperty("token_source") String tokenSource,
      @JsonProperty("ttft_ms") Double ttftMs,
      @JsonProperty("e2e_ms") Double e2eMs)
      implements TraceRecord {}

  /** A received event, comment or frame. */
  static Received received(
      Message m,
      double tMs,
      String kind,
      String type,
      String id,
      Long retry,
      String data,
      boolean truncated,
      String cls) {
    return new Received(
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
        cls);
  }

  /** The end of a message: ok or its error class, with its answer tokens and first-token time. */
  static End end(
      Message m,
      double tMs,
      String outcome,
      String error,
      long tokens,
      String tokenSource,
      Double ttftMs,
      Double e2eMs) {
    return new End(
        m.number(),
        m.user(),
        m.conversation(),
        m.turn(),
        tMs,
        "end",
        outcome,
        error,
        tokens,
        tokenSource,
        ttftMs,
        e2eMs);
  }
}
