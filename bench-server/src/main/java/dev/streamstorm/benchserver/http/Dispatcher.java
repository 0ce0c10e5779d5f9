package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.admission.CapacityGate;
import dev.streamstorm.benchserver.admission.RateLimiter;
import dev.streamstorm.benchserver.model.Fault;
import dev.streamstorm.benchserver.model.Plan;
import dev.streamstorm.benchserver.stats.RequestRecord;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Takes a planned request through admission, in this order: forced 429, rate limits (429 with
 * Retry-After: the token limit here; the request limit was charged by the {@link Gateway} before
 * routing, except for WebSocket messages, charged here), the 500 fault, the slow-headers delay,
 * capacity (503 beyond the queue), then opens the response and starts the plan's clock once a slot
 * is granted. One per event loop.
 */
final class Dispatcher {

  private final ServerState state;
  private final StreamScheduler scheduler;
  private final Vertx vertx;
  private final Context context;

  Dispatcher(ServerState state, StreamScheduler scheduler, Vertx vertx, Context context) {
    this.state = state;
    this.scheduler = scheduler;
    this.vertx = vertx;
    this.context = context;
  }

  ServerState state() {
    return state;
  }

  Exchange exchange(RequestInfo info, Plan plan, Sink sink) {
    return new Exchange(info, plan, sink, state.collector(), state.gate()::release);
  }

  void dispatch(Exchange ex) {
    Plan plan = ex.plan();
    if (plan.fault() == Fault.HTTP_429) {
      ex.reject(ErrorKind.RATE_LIMITED, retryMessage(1), 1);
      return;
    }
    // An HTTP request has paid its request at the gateway; a WebSocket message pays both here.
    long nowNs = System.nanoTime();
    long waitNs =
        ex.sink().hasHeaders()
            ? state.rateLimiter().tryAdmitTokens(plan.outputTokens(), nowNs)
            : state.rateLimiter().tryAdmit(plan.outputTokens(), nowNs);
    if (waitNs > 0) {
      long seconds = RateLimiter.retryAfterSeconds(waitNs);
      ex.reject(ErrorKind.RATE_LIMITED, retryMessage(seconds), seconds);
      return;
    }
    if (plan.fault() == Fault.HTTP_500) {
      ex.reject(ErrorKind.SERVER_ERROR, "injected fault: internal server error", 0);
      return;
    }
    Runnable waiter = () -> context.runOnContext(v -> granted(ex));
    ex.sink().onClientGone(() -> clientGone(ex, waiter));
    long slowNs = plan.slowHeadersNanos();
    if (slowNs > 0) {
      vertx.setTimer(Math.max(1, Math.round(slowNs / 1e6)), id -> admit(ex, waiter));
    } else {
      admit(ex, waiter);
    }
  }

  /** Records a request refused before planning (400, 404) and answers it through the sink. */
  static void recordEarly(ServerState state, RequestInfo info, ErrorKind kind) {
    recordEarly(state, info, kind.status);
  }

  /** As above, with the HTTP status actually answered (JSON-RPC errors go out as 200). */
  static void recordEarly(ServerState state, RequestInfo info, int status) {
    state
        .collector()
        .record(
            RequestRecord.unstreamed(
                info.requestId(),
                info.endpoint(),
                status,
                "error",
                info.startEpochMs(),
                info.acceptedNs(),
                null));
  }

  private void admit(Exchange ex, Runnable waiter) {
    if (ex.finished()) {
      return;
    }
    CapacityGate.Admission admission = state.gate().acquire(waiter);
    switch (admission) {
      case GRANTED -> {
        ex.open();
        ex.slotGranted(false);
        scheduler.start(ex);
      }
      case QUEUED -> ex.open();
      case REJECTED ->
          ex.reject(
              ErrorKind.OVERLOADED,
              "server overloaded: all "
                  + state.config().maxConcurrency()
                  + " generation slots busy and the queue is full",
              0);
    }
  }

  private void granted(Exchange ex) {
    if (ex.finished()) {
      state.gate().release();
      return;
    }
    ex.slotGranted(true);
    scheduler.start(ex);
  }

  private void clientGone(Exchange ex, Runnable waiter) {
    if (ex.finished()) {
      return;
    }
    if (!ex.slotHeld()) {
      state.gate().cancel(waiter);
    }
    ex.clientGone();
  }

  static String retryMessage(long seconds) {
    return "rate limit exceeded: retry after " + seconds + " second" + (seconds == 1 ? "" : "s");
  }
}
