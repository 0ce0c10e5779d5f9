package dev.streamstorm.engine;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.protocol.Deadline;
import dev.streamstorm.protocol.Exchange;
import dev.streamstorm.protocol.ExchangeListener;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The client's view of one attempt at a message: every instant it saw, the gaps between tokens, the
 * reply text when the conversation needs it, and the timeouts that bound it. Confined to the user's
 * event loop; callbacks after the attempt ended are ignored.
 */
final class MessageAttempt implements ExchangeListener {

  /** How an attempt ended. */
  record Result(
      long firstByteNs,
      long firstTokenNs,
      long endNs,
      int chunks,
      long serverTokens,
      ErrorClass error,
      String errorMessage,
      int status,
      String retryAfter,
      int gapCount,
      int reconnects,
      Map<String, Double> usage) {

    boolean ok() {
      return error == null;
    }
  }

  private final Vertx vertx;
  private final RunContext run;
  private final Deadlines deadlines;
  private final GapBuffer gaps;
  private final StringBuilder reply;
  private final Promise<Result> promise = Promise.promise();
  private Exchange exchange;
  private long arrivalNs;
  private long firstByteNs = MessageOutcome.NONE;
  private long firstTokenNs = MessageOutcome.NONE;
  private long lastTokenNs;
  private int chunks;
  private long serverTokens = -1;
  private int status;
  private String retryAfter;
  private Map<String, Double> usage;
  private boolean ended;
  private Reconnector reconnector;
  private int maxReconnects;
  private int reconnects;

  /** Reopens a stream the server ended early, EventSource-style, with the last event id seen. */
  interface Reconnector {
    Exchange reopen(String lastEventId);
  }

  /**
   * @param deadlines the user's reusable timeouts, set here for this attempt
   * @param gaps the user's reusable gap buffer, reset here
   * @param reply where the reply text goes, or null when nobody needs it
   */
  MessageAttempt(
      Vertx vertx, RunContext run, Deadlines deadlines, GapBuffer gaps, StringBuilder reply) {
    this.vertx = vertx;
    this.run = run;
    this.deadlines = deadlines;
    this.gaps = gaps;
    this.reply = reply;
    gaps.reset();
  }

  /** Arms the timeouts, measured from the message's intended start, and attaches the exchange. */
  Future<Result> attach(Exchange exchange, long intendedStartNs) {
    this.exchange = exchange;
    if (!ended) {
      arm(
          deadlines.firstToken(),
          intendedStartNs,
          run.scenario.timeouts().firstToken(),
          ErrorClass.TIMEOUT_FIRST_TOKEN,
          "no content token within ");
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
  public void onArrival(long nowNs) {
    arrivalNs = nowNs;
  }

  @Override
  public void onHead(int status, String retryAfter, long nowNs) {
    this.status = status;
    this.retryAfter = retryAfter;
    if (firstByteNs == MessageOutcome.NONE) {
      firstByteNs = nowNs;
    }
  }

  @Override
  public void onToken(char[] text, int offset, int length) {
    if (ended) {
      return;
    }
    long now = arrivalNs;
    if (firstTokenNs == MessageOutcome.NONE) {
      firstTokenNs = now;
      deadlines.firstToken().clear();
    } else {
      gaps.add(now - lastTokenNs);
    }
    lastTokenNs = now;
    chunks++;
    if (reply != null) {
      reply.append(text, offset, length);
    }
    run.tokenReceived();
  }

  @Override
  public void onTokenCount(long serverReportedTokens) {
    serverTokens = serverReportedTokens;
  }

  @Override
  public void onUsage(String name, double value) {
    if (usage == null) {
      usage = new HashMap<>();
    }
    usage.put(name, value);
  }

  @Override
  public void onDone() {
    if (!ended) {
      exchange.release();
      end(arrivalNs, null, null);
    }
  }

  @Override
  public void onStreamError(String message) {
    if (!ended) {
      exchange.cancel();
      end(arrivalNs, ErrorClass.PROTOCOL, "error event in stream: " + message);
    }
  }

  @Override
  public void onMalformed(String reason) {
    if (!ended) {
      exchange.cancel();
      end(arrivalNs, ErrorClass.PROTOCOL, "malformed stream: " + reason);
    }
  }

  @Override
  public void onEnd(long nowNs) {
    if (!reconnect()) {
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
    if (ended || reconnector == null || reconnects >= maxReconnects) {
      return false;
    }
    reconnects++;
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
    promise.complete(
        new Result(
            firstByteNs,
            firstTokenNs,
            nowNs,
            chunks,
            serverTokens,
            error,
            message,
            status,
            retryAfter,
            gaps.size(),
            reconnects,
            usage == null ? Map.of() : usage));
  }
}
