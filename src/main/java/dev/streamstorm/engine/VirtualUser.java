package dev.streamstorm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.protocol.Exchange;
import dev.streamstorm.protocol.HttpStreamClient;
import dev.streamstorm.protocol.WsStreamClient;
import dev.streamstorm.scenario.ConversationSpec;
import dev.streamstorm.scenario.ConversationSpec.Turn;
import dev.streamstorm.scenario.Delay;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.RequestSpec;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.SessionSpec;
import dev.streamstorm.scenario.Template;
import dev.streamstorm.scenario.TemplateContext;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One virtual user: sets up its session, then runs conversations (turn after turn, with think time
 * between turns and pacing between conversations) until told to stop. Thread confinement: every
 * method runs on its worker's event loop; its connections, timers and recorder belong to that loop
 * for the user's whole life.
 */
final class VirtualUser implements TemplateContext {

  private static final long SESSION_RETRY_NS = 1_000_000_000L;

  private final int id;
  private final LoadWorker worker;
  private final RunContext run;
  private final Scenario scenario;
  private final long maxIterations;
  private final SplittableRandom random;
  private final HttpStreamClient http;
  private final WsStreamClient ws;
  private final GapBuffer gaps = new GapBuffer();
  private final Map<String, String> sessionVars = new HashMap<>();
  private final Promise<Void> finished = Promise.promise();
  private final long firstIntendedStartNs;
  private Map<String, String> row = Map.of();
  private long iteration;
  private String conversationName = "";
  private int turnNumber;
  private String message = "";
  private boolean retiring;
  private boolean done;
  private MessageAttempt current;
  private CurrentMessage currentMessage;
  private long pauseTimer = -1;
  private boolean permitHeld;
  private Runnable waitingForPermit;
  private Runnable afterPause;

  /** What the message in flight is, so a cut can record it as interrupted. */
  private record CurrentMessage(String conversation, int turn, long intendedStartNs) {}

  /**
   * @param maxIterations conversations this user runs at most
   * @param firstIntendedStartNs the scheduled start of its first message (open model arrivals), or
   *     {@link MessageOutcome#NONE} to start the clock when it is sent
   */
  VirtualUser(
      int id,
      LoadWorker worker,
      RunContext run,
      long maxIterations,
      long seed,
      long firstIntendedStartNs) {
    this.id = id;
    this.worker = worker;
    this.run = run;
    this.scenario = run.scenario;
    this.maxIterations = maxIterations;
    this.random = new SplittableRandom(seed);
    this.firstIntendedStartNs = firstIntendedStartNs;
    long connectMs = scenario.timeouts().connect().toMillis();
    this.http =
        new HttpStreamClient(
            run.http,
            run.endpoint,
            scenario.connection().reuse(),
            connectMs,
            worker.recorder::recordConnect);
    this.ws =
        scenario.protocol() == Protocol.WEBSOCKET
            ? new WsStreamClient(run.ws, run.endpoint, connectMs, worker.recorder::recordConnect)
            : null;
  }

  /** Starts the user; must be called on its worker's loop. */
  void start() {
    worker.users.add(this);
    run.activeUsers.incrementAndGet();
    setUp();
  }

  /** Completes when the user has stopped and closed its connections. */
  Future<Void> finished() {
    return finished.future();
  }

  int id() {
    return id;
  }

  LoadWorker worker() {
    return worker;
  }

  boolean isFinished() {
    return finished.future().isComplete();
  }

  /**
   * Asks the user to leave after its current message (a ramp down, or the end of the run). A user
   * that is only thinking or pacing leaves at once.
   */
  void retire() {
    retiring = true;
    if (current == null) {
      cancelPause();
      finish();
    }
  }

  /**
   * A ramp down removes this user: it finishes its current message, or is cut when {@code graceNs}
   * has passed (k6's gracefulRampDown).
   */
  void retire(long graceNs) {
    retire();
    if (!done) {
      run.vertx.setTimer(Math.max(1, graceNs / 1_000_000), t -> cut());
    }
  }

  /** The graceful stop is over: cut the message in flight (recorded as interrupted) and leave. */
  void cut() {
    retiring = true;
    if (current != null && !current.ended()) {
      current.interrupt();
    } else {
      cancelPause();
      finish();
    }
  }

  private boolean shouldStop() {
    return retiring || run.stopping();
  }

  // ---- session set-up ----

  private void setUp() {
    if (scenario.session().isEmpty()) {
      nextConversation();
      return;
    }
    SessionSpec session = scenario.session().get();
    RequestSpec req = session.request();
    Buffer body =
        req.body()
            .map(b -> Buffer.buffer(JsonRenderer.bytes(JsonRenderer.render(b, this))))
            .orElse(null);
    long startNs = System.nanoTime();
    http.call(
            HttpMethod.valueOf(req.method()),
            req.path().render(this),
            headers(req, body != null, false),
            body)
        .onComplete(
            ar -> {
              String error = sessionError(ar.succeeded() ? ar.result() : null, ar.cause(), session);
              worker.recorder.recordSession(System.nanoTime() - startNs, error);
              if (error == null) {
                nextConversation();
              } else if (shouldStop()) {
                finish();
              } else {
                pause(SESSION_RETRY_NS, this::setUp);
              }
            });
  }

  /** Extracts the session variables; returns null on success, else what went wrong. */
  private String sessionError(
      HttpStreamClient.Response resp, Throwable cause, SessionSpec session) {
    if (resp == null) {
      return "session set-up failed: " + cause.getMessage();
    }
    if (resp.status() / 100 != 2) {
      return "session set-up: HTTP " + resp.status();
    }
    JsonNode json;
    try {
      json = JsonRenderer.MAPPER.readTree(resp.body().getBytes());
    } catch (java.io.IOException e) {
      return "session set-up: the response is not JSON";
    }
    for (Map.Entry<String, String> e : session.extract().entrySet()) {
      JsonNode v = json.at(e.getValue());
      if (v.isMissingNode() || v.isNull()) {
        return "session set-up: no value at " + e.getValue() + " in the response";
      }
      sessionVars.put(e.getKey(), v.isTextual() ? v.textValue() : v.toString());
    }
    return null;
  }

  // ---- conversations ----

  private void nextConversation() {
    if (shouldStop() || iteration >= maxIterations) {
      finish();
      return;
    }
    if (!run.claimConversation()) {
      finish();
      return;
    }
    if (run.data.isPresent()) {
      Map<String, String> next = run.data.get().next(random);
      if (next == null) {
        run.stop("data");
        finish();
        return;
      }
      row = next;
    }
    iteration++;
    ConversationSpec c = run.picker.pick(random);
    conversationName = c.name();
    turn(c, 0, run.chatHistory ? new History() : null);
  }

  private void endConversation() {
    if (shouldStop() || iteration >= maxIterations) {
      finish();
      return;
    }
    pause(scenario.pacing().nextNanos(random), this::nextConversation);
  }

  private void turn(ConversationSpec c, int index, History history) {
    if (index >= c.turns().size() || shouldStop()) {
      endConversation();
      return;
    }
    Turn turn = c.turns().get(index);
    long thinkNs = 0;
    if (index > 0) {
      Delay think = turn.thinkTime() != null ? turn.thinkTime() : scenario.thinkTime();
      thinkNs = think.nextNanos(random);
    }
    if (thinkNs <= 0) {
      send(c, index, history);
      return;
    }
    long thinkStart = System.nanoTime();
    pause(
        thinkNs,
        () -> {
          worker.recorder.recordThinkTime(c.name(), System.nanoTime() - thinkStart);
          send(c, index, history);
        });
  }

  private void send(ConversationSpec c, int index, History history) {
    turnNumber = index + 1;
    message = c.turns().get(index).message().render(this);
    long now = System.nanoTime();
    boolean scheduled = iteration == 1 && index == 0 && firstIntendedStartNs != MessageOutcome.NONE;
    long intended = scheduled ? firstIntendedStartNs : now;
    currentMessage = new CurrentMessage(c.name(), turnNumber, intended);
    withConnectionPermit(() -> attempt(c, index, history, 1, intended, System.nanoTime(), 0));
  }

  /**
   * Runs {@code send} once this user may hold a connection (connection.maxConnections). The user
   * keeps its permit while it keeps its connection: for its life with reuse, per message without.
   */
  private void withConnectionPermit(Runnable send) {
    if (permitHeld) {
      send.run();
      return;
    }
    waitingForPermit =
        () -> {
          waitingForPermit = null;
          permitHeld = true;
          if (done) {
            releasePermit();
          } else {
            send.run();
          }
        };
    worker.permits.acquire(waitingForPermit);
  }

  private void releasePermit() {
    if (permitHeld) {
      permitHeld = false;
      worker.permits.release();
    }
  }

  private void attempt(
      ConversationSpec c,
      int index,
      History history,
      int attemptNo,
      long intendedNs,
      long firstSendNs,
      long waitedNs) {
    StringBuilder reply = history == null ? null : new StringBuilder();
    MessageAttempt attempt = new MessageAttempt(run.vertx, run, gaps, reply);
    current = attempt;
    long sendNs = System.nanoTime();
    Exchange exchange = exchange(history, attempt);
    run.inFlight.incrementAndGet();
    attempt
        .attach(exchange, intendedNs)
        .onComplete(
            ar -> {
              run.inFlight.decrementAndGet();
              current = null;
              if (!scenario.connection().reuse()) {
                releasePermit();
              }
              MessageAttempt.Result r = ar.result();
              if (retiring && r.error() == ErrorClass.GENERATOR) {
                worker.recorder.recordInterrupted(c.name(), index + 1, intendedNs);
                finish();
                return;
              }
              long retryDelay = retryDelayNs(r, attemptNo);
              if (retryDelay >= 0 && !shouldStop()) {
                worker.recorder.recordRetriedAttempt(c.name(), index + 1, intendedNs, r.error());
                pause(
                    retryDelay,
                    () ->
                        attempt(
                            c,
                            index,
                            history,
                            attemptNo + 1,
                            intendedNs,
                            firstSendNs,
                            waitedNs + retryDelay));
                return;
              }
              record(c, index, r, intendedNs, firstSendNs, sendNs, attemptNo, waitedNs);
              if (!r.ok()) {
                endConversation();
                return;
              }
              if (history != null) {
                history.user(message);
                history.assistant(reply.toString());
              }
              turn(c, index + 1, history);
            });
  }

  private void record(
      ConversationSpec c,
      int index,
      MessageAttempt.Result r,
      long intendedNs,
      long firstSendNs,
      long lastSendNs,
      int attempts,
      long waitedNs) {
    MessageOutcome o =
        new MessageOutcome(
            id,
            c.name(),
            index + 1,
            intendedNs,
            firstSendNs,
            lastSendNs,
            r.firstByteNs(),
            r.firstTokenNs(),
            r.endNs(),
            r.chunks(),
            r.serverTokens(),
            r.error(),
            r.errorMessage(),
            attempts,
            waitedNs,
            r.reconnects(),
            r.usage());
    worker.recorder.record(o, gaps.array(), r.gapCount());
    run.messageLog.onMessage(o, run.startNs);
    run.messageEnded();
  }

  /** How long to wait before retrying, or -1 when the attempt is not retried. */
  private long retryDelayNs(MessageAttempt.Result r, int attemptNo) {
    if (r.ok() || scenario.retry().isEmpty()) {
      return -1;
    }
    var retry = scenario.retry().get();
    if (attemptNo > retry.max() || !retry.onStatus().contains(r.status())) {
      return -1;
    }
    if (retry.honourRetryAfter() && r.retryAfter() != null) {
      long advised = RetryAfter.parseNanos(r.retryAfter());
      if (advised >= 0) {
        return advised;
      }
    }
    return retry.backoff().toNanos() << Math.min(attemptNo - 1, 20);
  }

  private Exchange exchange(History history, MessageAttempt attempt) {
    if (scenario.protocol() == Protocol.WEBSOCKET) {
      String path = scenario.websocket().path().render(this);
      String frame = JsonRenderer.render(scenario.websocket().message(), this).toString();
      return ws.stream(path, headers(null, false, false), frame, run.interpreter, attempt);
    }
    RequestSpec req = scenario.request();
    Buffer body = null;
    if (req.body().isPresent() || history != null) {
      JsonNode json =
          req.body()
              .map(b -> JsonRenderer.render(b, this))
              .orElseGet(JsonRenderer.MAPPER::createObjectNode);
      if (history != null && json instanceof ObjectNode obj) {
        var messages = history.toMessages();
        messages.addObject().put("role", "user").put("content", message);
        obj.set("messages", messages);
      }
      body = Buffer.buffer(JsonRenderer.bytes(json));
    }
    HttpMethod method = HttpMethod.valueOf(req.method());
    String path = req.path().render(this);
    MultiMap headers = headers(req, body != null, true);
    Buffer sent = body;
    if (scenario.connection().reconnect()) {
      attempt.reconnectWith(
          lastEventId -> {
            MultiMap again = MultiMap.caseInsensitiveMultiMap().addAll(headers);
            if (!lastEventId.isEmpty()) {
              again.set("Last-Event-ID", lastEventId);
            }
            return http.stream(method, path, again, sent, run.interpreter, attempt);
          },
          scenario.connection().maxReconnects());
    }
    return http.stream(method, path, headers, body, run.interpreter, attempt);
  }

  private MultiMap headers(RequestSpec req, boolean json, boolean stream) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (json) {
      h.set("Content-Type", "application/json");
    }
    if (stream) {
      h.set("Accept", "text/event-stream");
    }
    for (Map.Entry<String, Template> e : scenario.headers().entrySet()) {
      h.set(e.getKey(), e.getValue().render(this));
    }
    if (req != null) {
      for (Map.Entry<String, Template> e : req.headers().entrySet()) {
        h.set(e.getKey(), e.getValue().render(this));
      }
    }
    return h;
  }

  // ---- pauses and the end ----

  private void pause(long nanos, Runnable then) {
    if (nanos <= 0) {
      then.run();
      return;
    }
    afterPause = then;
    pauseTimer =
        run.vertx.setTimer(
            Math.max(1, nanos / 1_000_000),
            t -> {
              pauseTimer = -1;
              Runnable next = afterPause;
              afterPause = null;
              next.run();
            });
  }

  private void cancelPause() {
    if (pauseTimer >= 0) {
      run.vertx.cancelTimer(pauseTimer);
      pauseTimer = -1;
      afterPause = null;
    }
  }

  private void finish() {
    if (done) {
      return;
    }
    done = true;
    cancelPause();
    if (waitingForPermit != null) {
      worker.permits.cancel(waitingForPermit);
      waitingForPermit = null;
      CurrentMessage m = currentMessage;
      worker.recorder.recordInterrupted(m.conversation(), m.turn(), m.intendedStartNs());
    }
    releasePermit();
    worker.users.remove(this);
    run.activeUsers.decrementAndGet();
    Future<Void> closeWs = ws == null ? Future.succeededFuture() : ws.close();
    Future.join(http.close(), closeWs).onComplete(ar -> finished.tryComplete());
  }

  // ---- templates ----

  @Override
  public String variable(String name) {
    switch (name) {
      case "message":
        return message;
      case "vu":
        return Integer.toString(id);
      case "iteration":
        return Long.toString(iteration);
      case "conversation":
        return conversationName;
      case "turn":
        return Integer.toString(turnNumber);
      default:
        String v = sessionVars.get(name);
        if (v == null) {
          v = row.get(name);
        }
        return v == null ? "" : v;
    }
  }

  @Override
  public String env(String name) {
    String v = run.env.apply(name);
    return v == null ? "" : v;
  }

  @Override
  public String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  @Override
  public long randomInt(long min, long max) {
    return min + random.nextLong(max - min + 1);
  }
}
