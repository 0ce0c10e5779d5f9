package dev.streamstorm.engine;

import dev.streamstorm.scenario.ConversationSpec;

/**
 * One message a user sends, the same for each of its attempts: its conversation and turn, the
 * history it carries (null when the requests send none), when it was meant to start and when it was
 * first sent, and its trace (null when it is not traced).
 */
record MessageSend(
    ConversationSpec conversation,
    int index,
    History history,
    long intendedNs,
    long firstSendNs,
    MessageTrace trace) {

  /** The turn's number in its conversation, from 1. */
  int turn() {
    return index + 1;
  }

  /**
   * Whether a later turn of the conversation sends this answer back (its history). The last turn's
   * answer is read by nobody, so it is not kept: a single-turn load test copies no token text.
   */
  boolean answerReadLater() {
    return history != null && index + 1 < conversation.turns().size();
  }
}
