package dev.streamstorm.engine;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.protocol.Deadline;
import dev.streamstorm.protocol.Exchange;
import dev.streamstorm.protocol.ExchangeListener;
import dev.streamstorm.protocol.StreamTrace;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The client's view of one attempt at a message: every instant it saw on each channel (answer,
 * reasoning, tool calls), written into the user's {@link AttemptState}, and the timeouts that bound
 * it. Confined to the user's event loop; callbacks after the attempt ended are ignored.
 */
final class MessageAttempt implements ExchangeListener {

  private final Vertx vertx;
  private final RunContext run;
  private final Deadlines deadlines;
  private final AttemptState state;
  private final boolean keepAnswer;
  private final boolean keepReasoning;
  private final String[] matchValues;
  private final MessageTrace trace;
  private final Promise<AttemptState> promise = Promise.promise();
  private Exchange exchange;
  private boolean ended;
  private Reconnector reconnector;
  private int maxReconnects;

  /** Reopens a stream the server ended early, EventSource-style, with the last event id seen. */
  interface Reconnector {
    Exchange reopen(String lastEventId);
  }

  /**
   * @param deadlines the user's reusable timeouts, set here for this attempt
   * @param state the user's attempt state, reset here and filled by this attempt
   * @param keepAnswer whether the answer's text is needed (history, tokenizer)
   * @param matchValues this message's values of the stream rules' placeholders
   * @param trace where the message's stream is traced, or null
   */
  MessageAttempt(
      Vertx vertx,
      RunContext run,
      Deadlines deadlines,
      AttemptState state,
      boolean keepAnswer,
      String[] matchValues,
      MessageTrace trace) {
    this.vertx = vertx;
    this.trace = trace;
    this.run = run;
    this.deadlines = deadlines;
    this.state = state;
    this.keepAnswer = keepAnswer;
    this.keepReasoning = run.tokenCounter != null;
    this.matchValues = matchValues;
    state.reset();
  }

  /** Arms the timeouts, measured from the message's intended start, and attaches the exchange. */
  Future<AttemptState> attach(Exchange exchange, long intendedStartNs) {
    this.exchange = exchange;
    if (!ended) {
      arm(
          deadlines.firstToken(),
          intendedStartNs,
          run.scenario.timeouts().firstToken(),
          ErrorClass.TIMEOUT_FIRST_TOKEN,
          "nothing on any channel (answer, reasoning, tool calls) within ");
      arm(
          deadlines.message(),
          intendedStartNs,
          run.scenario.timeouts().message(),
          ErrorClass.TIMEOUT,
          "message did not end within ");
    }
    return promise.future();
  }

  /**
   * Turns on EventSource-style reconnection: a stream that ends (or breaks) before its end marker
   * is reopened, after the server's {@code retry} delay (1 s when it gave none), up to {@code max}
   * times; each reconnection is counted.
   */
  void reconnectWith(Reconnector reconnector, int max) {
    this.reconnector = reconnector;
    this.maxReconnects = max;
  }

  /** Ends the attempt because the run is over: the caller records it as interrupted. */
  void interrupt() {
    if (!ended) {
      exchange.cancel();
      end(System.nanoTime(), ErrorClass.GENERATOR, "interrupted at the end of the run");
    }
  }

  boolean ended() {
    return ended;
  }

  @Override
  public String[] matchValues() {
    return matchValues;
  }

  @Override
  public StreamTrace trace() {
    return trace;
  }

  @Override
  public void onHead(int status, String retryAfter, long nowNs) {
    if (ended) {
      return;
    }
    state.status = status;
    state.retryAfter = retryAfter;
    if (state.firstByteNs == MessageOutcome.NONE) {
      state.firstByteNs = nowNs;
    }
  }

  @Override
  public void onToken(char[] text, int offset, int length, long arrivalNs) {
    if (ended) {
      return;
    }
    long now = arrivalNs;
    if (state.firstTokenNs == MessageOutcome.NONE) {
      firstOutput();
      state.firstTokenNs = now;
    } else {
      state.gaps.add(now - state.lastTokenNs);
    }
    state.lastTokenNs = now;
    state.chunks++;
    if (keepAnswer) {
      state.answerText.append(text, offset, length);
    }
    run.tokenReceived();
  }

  @Override
  public void onReasoning(char[] text, int offset, int length, long arrivalNs) {
    if (ended) {
      return;
    }
    if (state.firstReasoningNs == MessageOutcome.NONE) {
      firstOutput();
      state.firstReasoningNs = arrivalNs;
    }
    state.reasoningChunks++;
    if (keepReasoning) {
      state.reasoningText.append(text, offset, length);
    }
  }

  @Override
  public void onToolCall(long arrivalNs) {
    if (ended) {
      return;
    }
    if (state.firstToolCallNs == MessageOutcome.NONE) {
      firstOutput();
      state.firstToolCallNs = arrivalNs;
    }
    state.toolCalls++;
  }

  /** The first output on any channel: the server is generating, the first-token timeout is over. */
  private void firstOutput() {
    if (!state.anyOutput()) {
      deadlines.firstToken().clear();
    }
  }

  @Override
  public void onUsage(int slot, double value) {
    if (!ended) {
      state.usage.add(slot, value);
    }
  }

  @Override
  public void onDone(long arrivalNs) {
    if (!ended) {
      state.doneSeen = true;
      exchange.release();
      end(arrivalNs, null, null);
    }
  }

  @Override
  public void onStreamError(String message, long arrivalNs) {
    if (!ended) {
      exchange.cancel();
      end(arrivalNs, ErrorClass.PROTOCOL, "error event in stream: " + message);
    }
  }

  @Override
  public void onMalformed(String reason, long arrivalNs) {
    if (!ended) {
      exchange.cancel();
      end(arrivalNs, ErrorClass.PROTOCOL, "malformed stream: " + reason);
    }
  }

  @Override
  public void onEnd(long nowNs) {
    if (ended || reconnect()) {
      return;
    }
    if (run.scenario.stream().requireDone()) {
      end(
          nowNs,
          ErrorClass.STREAM_TRUNCATED,
          "the stream ended without its done marker (stream.requireDone)");
    } else {
      end(nowNs, null, null);
    }
  }

  @Override
  public void onFailure(ErrorClass error, String message, long nowNs) {
    if (error != ErrorClass.STREAM_BROKEN || !reconnect()) {
      end(nowNs, error, message);
    }
  }

  private boolean reconnect() {
    if (ended || reconnector == null || state.reconnects >= maxReconnects) {
      return false;
    }
    state.reconnects++;
    String lastId = exchange.lastEventId();
    long delayMs = exchange.retryMillis() >= 0 ? exchange.retryMillis() : DEFAULT_RETRY_MS;
    vertx.setTimer(
        Math.max(1, delayMs),
        t -> {
          if (!ended) {
            exchange = reconnector.reopen(lastId);
          }
        });
    return true;
  }

  private static final long DEFAULT_RETRY_MS = 1_000;

  /** Times the attempt out with {@code error} when {@code timeout} from its start has passed. */
  private void arm(
      Deadline deadline, long startNs, Duration timeout, ErrorClass error, String what) {
    deadline.set(
        startNs + timeout.toNanos(), () -> timeOut(error, what + timeout.toMillis() + " ms"));
  }

  private void timeOut(ErrorClass error, String message) {
    if (!ended) {
      long now = System.nanoTime();
      exchange.cancel();
      end(now, error, message);
    }
  }

  private void end(long nowNs, ErrorClass error, String message) {
    if (ended) {
      return;
    }
    ended = true;
    deadlines.firstToken().clear();
    deadlines.message().clear();
    state.endNs = nowNs;
    state.error = error;
    state.errorMessage = message;
    promise.complete(state);
  }
}
