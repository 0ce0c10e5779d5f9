package dev.streamstorm.engine;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.LoopRecorder;
import dev.streamstorm.metrics.MessageOutcome;

/**
 * Turns a user's messages into {@link MessageOutcome}s and records them: into its loop's recorder,
 * the per-message log, and the trace when the message is traced. One per user, made with it;
 * confined, like the user, to its worker's event loop.
 */
final class OutcomeRecorder {
  private final int userId;
  private final RunContext run;
  private final LoopRecorder recorder;
  private final UserVariables vars;

  OutcomeRecorder(int userId, RunContext run, LoopRecorder recorder, UserVariables vars) {
    this.userId = userId;
    this.run = run;
    this.recorder = recorder;
    this.vars = vars;
  }

  /** A message that ended (ok or failed) after its last attempt {@code r}. */
  void record(MessageSend m, AttemptState r, long lastSendNs, int attempts, long waitedNs) {
    MessageOutcome.Builder b =
        outcome(m, r, lastSendNs, attempts, waitedNs)
            // Whatever a server echoed (an Authorization header in a 401 body) is masked here,
            // before the message reaches a sample, a CSV row or a report.
            .error(r.error, r.error == null ? null : run.redactorFor(vars).redact(r.errorMessage))
            .usage(run.usage(r.usage));
    if (r.ok()) {
      TokenCounts.count(b, run.scenario.stream(), r, run.tokenCounter);
      TokenCounts.countInput(b, r.usage, run.tokenCounter, m.history(), vars.message);
    }
    MessageOutcome o = b.build();
    MessageTrace trace = m.trace();
    if (trace != null) {
      // On the next turn of the loop: the event that ended the message is traced after its
      // callbacks return, and its line must come before the end's.
      run.vertx.runOnContext(v -> trace.end(o));
    }
    recorder.record(o, r.gaps.array(), r.gaps.size());
    run.messageLog.onMessage(o, run.startNs);
    run.messageEnded();
  }

  /** A message's instants and counts as its last attempt saw them. */
  private MessageOutcome.Builder outcome(
      MessageSend m, AttemptState r, long lastSendNs, int attempts, long waitedNs) {
    return started(m, lastSendNs)
        .firstByteNs(r.firstByteNs)
        .firstTokenNs(r.firstTokenNs)
        .firstReasoningNs(r.firstReasoningNs)
        .firstToolCallNs(r.firstToolCallNs)
        .endNs(r.endNs)
        .chunks(r.chunks)
        .toolCalls(r.toolCalls)
        .attempts(attempts, waitedNs)
        .reconnects(r.reconnects);
  }

  /** Which message, and when it was meant to start, first sent and last sent. */
  private MessageOutcome.Builder started(MessageSend m, long lastSendNs) {
    return MessageOutcome.builder()
        .message(userId, m.conversation().name(), m.turn(), vars.iteration)
        .starts(m.intendedNs(), m.firstSendNs(), lastSendNs);
  }

  /**
   * A message whose attempt {@code r} the run's end interrupted (the user was retiring): counted as
   * interrupted with what the attempt saw, and its trace ended so.
   */
  void recordInterruptedAttempt(
      MessageSend m, AttemptState r, long lastSendNs, int attempts, long waitedNs) {
    recordInterrupted(outcome(m, r, lastSendNs, attempts, waitedNs), r.errorMessage);
    if (m.trace() != null) {
      m.trace().interrupted(r.endNs);
    }
  }

  /**
   * A message the run's end cut short while it waited, since {@code waitFromNs}, to be sent again
   * after its last attempt failed with {@code error}.
   */
  void recordInterruptedBeforeRetry(
      MessageSend m,
      long lastSendNs,
      int attempts,
      long waitedNs,
      long waitFromNs,
      ErrorClass error) {
    long now = System.nanoTime();
    recordInterrupted(
        started(m, lastSendNs).endNs(now).attempts(attempts, waitedNs + (now - waitFromNs)),
        "interrupted at the end of the run while waiting to retry after " + error.id());
    if (m.trace() != null) {
      m.trace().interrupted(now);
    }
  }

  /**
   * A message the run's end cut short: counted as interrupted (neither ok nor failed) and given its
   * row in the per-message log, like every message that started.
   */
  void recordInterrupted(MessageOutcome.Builder b, String why) {
    MessageOutcome o = b.interrupted(why).build();
    recorder.recordInterrupted(o.conversation(), o.turn(), o.intendedStartNs());
    run.messageLog.onMessage(o, run.startNs);
  }

  /** A message the run's end cut short before a connection was free to send it on. */
  void recordInterruptedWaitingForConnection(String conversation, int turn, long intendedStartNs) {
    recordInterrupted(
        MessageOutcome.builder()
            .message(userId, conversation, turn, vars.iteration)
            .starts(intendedStartNs, MessageOutcome.NONE, MessageOutcome.NONE)
            .endNs(System.nanoTime()),
        "interrupted at the end of the run while waiting for a connection"
            + " (connection.maxConnections)");
  }
}
