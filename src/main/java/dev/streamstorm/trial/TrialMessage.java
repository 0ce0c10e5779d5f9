package dev.streamstorm.trial;

import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.scenario.ConversationSpec;
import java.util.List;

/**
 * One tried message: the first turn of one conversation, what its exchange went through, and how it
 * ended.
 *
 * @param conversation the conversation (all its turns; only the first was sent)
 * @param seen the request, the head and every event, comment and frame, in order
 * @param outcome how the message ended; null when it was not sent (its session set-up failed) or
 *     was cut
 * @param session the session set-up, null when the scenario has none
 * @param connectMs how long opening the connection took, null when none was opened
 * @param endReason what ended the run: "iterations" when the message ran its course
 */
public record TrialMessage(
    ConversationSpec conversation,
    List<Seen> seen,
    MessageOutcome outcome,
    Session session,
    Double connectMs,
    String endReason) {

  /**
   * The session set-up of the user that sent the message.
   *
   * @param millis how long the successful set-up took
   * @param failure what went wrong with it (masked), null when it succeeded
   */
  public record Session(double millis, String failure) {}

  /**
   * Ended ok with output: answer text, or tool calls for a reply that only calls tools. This is
   * {@code try}'s exit code: 0 when every message answered.
   */
  public boolean answered() {
    return outcome != null && outcome.ok() && (outcome.chunks() > 0 || outcome.toolCalls() > 0);
  }

  /**
   * How a message that is not ok ended: its error class, or {@code interrupted} when the run ended
   * first (which has none).
   */
  static String failure(MessageOutcome o) {
    return o.error() != null ? o.error().id() : "interrupted";
  }

  /** The response's head (the last one, after reconnections); null when none came. */
  Seen.Head head() {
    Seen.Head last = null;
    for (Seen s : seen) {
      if (s instanceof Seen.Head h) {
        last = h;
      }
    }
    return last;
  }

  /** The path of the last request; null when none went out. */
  String requestPath() {
    String path = null;
    for (Seen s : seen) {
      if (s instanceof Seen.Request r) {
        path = r.path();
      }
    }
    return path;
  }

  /** The events and frames received, comments aside, parsed. */
  List<EventData> events() {
    return seen.stream()
        .filter(s -> s instanceof Seen.Received r && !r.isComment())
        .map(s -> EventData.of(((Seen.Received) s).line()))
        .toList();
  }

  /** Comments received (SSE). */
  int comments() {
    return (int) seen.stream().filter(s -> s instanceof Seen.Received r && r.isComment()).count();
  }
}
