package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Fault;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.stats.RequestRecord;
import dev.streamstorm.benchserver.stats.StatsCollector;

/**
 * One admitted request on its way through the plan: its timestamps, its position in the plan and
 * its slot. Confined to the event loop that accepted the request (the capacity gate hops back to it
 * before granting a slot).
 */
final class Exchange {

  private final RequestInfo info;
  private final Plan plan;
  private final Sink sink;
  private final StatsCollector stats;
  private final Runnable releaseSlot;

  private int next;
  private long genStartNs;
  private long nextDueNs;
  private long admittedNs;
  private long queueWaitMicros;
  private Long headersNs;
  private Long firstTokenNs;
  private Long lastTokenNs;
  private int tokensWritten;
  private Long firstReasoningNs;
  private Long firstToolCallNs;
  private int reasoningWritten;
  private int toolCallsStarted;
  private boolean opened;
  private boolean slotHeld;
  private boolean finished;

  Exchange(RequestInfo info, Plan plan, Sink sink, StatsCollector stats, Runnable releaseSlot) {
    this.info = info;
    this.plan = plan;
    this.sink = sink;
    this.stats = stats;
    this.releaseSlot = releaseSlot;
  }

  Plan plan() {
    return plan;
  }

  Sink sink() {
    return sink;
  }

  long nextDueNs() {
    return nextDueNs;
  }

  boolean finished() {
    return finished;
  }

  boolean slotHeld() {
    return slotHeld;
  }

  /** Opens the response (headers and preamble) once admitted, slot or not. */
  void open() {
    admittedNs = System.nanoTime();
    opened = true;
    stats.streamOpened();
    if (sink.streaming() && sink.hasHeaders()) {
      headersNs = System.nanoTime();
    }
    sink.open();
  }

  /**
   * The slot is ours: the plan's clock starts. Without a wait it starts at acceptance (plus the
   * slow-headers delay), so the server's own handling time is not added to the model: token i is
   * due at {@code acceptedNs + queueWait + ttft + gaps}. After a wait in the queue it starts now.
   */
  void slotGranted(boolean waited) {
    slotHeld = true;
    long nowNs = System.nanoTime();
    if (waited) {
      genStartNs = nowNs;
      queueWaitMicros = (nowNs - admittedNs) / 1_000;
    } else {
      genStartNs = info.acceptedNs() + plan.slowHeadersNanos();
    }
    next = sink.streaming() ? 0 : firstClosingEvent();
    nextDueNs = genStartNs + plan.dueOffsetNanos(next);
  }

  /**
   * Writes every event that is due; returns true when more remain (then {@link #nextDueNs} says
   * when), false when the exchange is over.
   */
  boolean fire() {
    while (!finished) {
      long dueNs = genStartNs + plan.dueOffsetNanos(next);
      long writeNs = System.nanoTime();
      if (dueNs > writeNs) {
        nextDueNs = dueNs;
        return true;
      }
      stats.recordJitter(writeNs - dueNs);
      byte kind = plan.kind(next);
      switch (kind) {
        case Plan.TOKEN -> {
          if (firstTokenNs == null) {
            firstTokenNs = writeNs;
          }
          lastTokenNs = writeNs;
          tokensWritten++;
          stats.tokenSent();
          sink.token(plan.word(next));
        }
        case Plan.REASONING -> {
          if (firstReasoningNs == null) {
            firstReasoningNs = writeNs;
          }
          reasoningWritten++;
          sink.reasoning(plan.word(next));
        }
        case Plan.CALL_START -> {
          toolCallStarted(writeNs);
          sink.toolCallStart(plan.toolCall(next));
        }
        case Plan.CALL_ARGS ->
            sink.toolCallArguments(plan.toolCall(next), plan.argumentChunk(next));
        case Plan.TOOL_CALL -> {
          toolCallStarted(writeNs);
          sink.toolCall(plan.toolCall());
        }
        case Plan.TOOL_RESULT -> sink.toolResult(plan.toolCall());
        case Plan.MALFORMED -> sink.malformed();
        case Plan.DROP -> {
          complete(200, "dropped");
          sink.drop();
        }
        case Plan.ERROR -> {
          if (sink.streaming()) {
            complete(200, "stream_error");
          } else {
            headersNs = writeNs;
            complete(ErrorKind.SERVER_ERROR.status, "error");
          }
          sink.streamError(plan.fault() == Fault.FAILED);
        }
        case Plan.END -> {
          if (!sink.streaming()) {
            answeredWhole(writeNs);
          }
          complete(200, "ok");
          sink.end();
        }
        default -> throw new IllegalStateException("unknown plan event " + kind);
      }
      next++;
    }
    return false;
  }

  private void toolCallStarted(long writeNs) {
    if (firstToolCallNs == null) {
      firstToolCallNs = writeNs;
    }
    toolCallsStarted++;
  }

  /** A JSON answer carries every channel at once, written now. */
  private void answeredWhole(long writeNs) {
    headersNs = writeNs;
    firstTokenNs = plan.completionTokens() > 0 ? writeNs : null;
    lastTokenNs = firstTokenNs;
    tokensWritten = plan.completionTokens();
    firstReasoningNs = plan.reasoningTokens() > 0 ? writeNs : null;
    reasoningWritten = plan.reasoningTokens();
    firstToolCallNs = plan.toolCalls() > 0 ? writeNs : null;
    toolCallsStarted = plan.toolCalls();
  }

  /** Answers an error instead of streaming (before {@link #open}). */
  void reject(ErrorKind kind, String message, long retryAfterSeconds) {
    complete(kind.status, "error");
    sink.reject(kind, message, retryAfterSeconds);
  }

  /** The client went away: stop, give the slot back, and keep the record. */
  void clientGone() {
    if (!finished) {
      complete(200, "client_closed");
    }
  }

  private int firstClosingEvent() {
    for (int e = 0; e < plan.eventCount(); e++) {
      byte k = plan.kind(e);
      if (k == Plan.END || k == Plan.DROP || k == Plan.ERROR) {
        return e;
      }
    }
    throw new IllegalStateException("a plan always ends with END, DROP or ERROR");
  }

  private void complete(int status, String outcome) {
    finished = true;
    if (opened) {
      stats.streamClosed();
    }
    if (slotHeld) {
      slotHeld = false;
      releaseSlot.run();
    }
    stats.record(
        new RequestRecord(
            info.requestId(),
            info.endpoint(),
            status,
            outcome,
            plan == null ? "none" : plan.fault().wireName(),
            info.startEpochMs(),
            info.acceptedNs(),
            headersNs,
            firstTokenNs,
            lastTokenNs,
            tokensWritten,
            queueWaitMicros,
            firstReasoningNs,
            firstToolCallNs,
            reasoningWritten,
            toolCallsStarted));
  }
}
