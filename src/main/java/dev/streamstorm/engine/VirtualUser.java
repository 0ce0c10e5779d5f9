package dev.streamstorm.engine;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.protocol.Exchange;
import dev.streamstorm.scenario.ConversationSpec;
import dev.streamstorm.scenario.ConversationSpec.Turn;
import dev.streamstorm.scenario.Delay;
import dev.streamstorm.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One virtual user: sets up its session, then runs conversations (turn after turn, with think time
 * between turns and pacing between conversations) until told to stop. Thread confinement: every
 * method runs on its worker's event loop; its connections, timers and recorder belong to that loop
 * for the user's whole life.
 */
final class VirtualUser {

  private static final long SESSION_RETRY_NS = 1_000_000_000L;

  private final int id;
  private final LoadWorker worker;
  private final RunContext run;
  private final Scenario scenario;
  private final long maxIterations;
  private final SplittableRandom random;
  private final UserClients clients;
  private final OutcomeRecorder outcomes;
  private final AttemptState state;
  private final Deadlines deadlines;
  private final UserVariables vars;
  private final MessageRequests requests;
  private final Promise<Void> finished = Promise.promise();
  private final long firstIntendedStartNs;
  private boolean retiring;
  private boolean done;

  private final ConnectBackoff connectBackoff = new ConnectBackoff();

  /** Records the message waiting to be retried as interrupted; null when none is waiting. */
  private Runnable retryPending;

  private MessageAttempt current;
  private CurrentMessage currentMessage;
  private final Pause pause;
  private final UserPermit permit;

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
    this.vars = new UserVariables(id, random, run.env);
    this.requests = run.requests;
    this.pause = new Pause(run.vertx);
    this.deadlines = Deadlines.on(run.vertx);
    this.state = new AttemptState(run.interpreter.newTally());
    this.permit = new UserPermit(worker.permits);
    this.firstIntendedStartNs = firstIntendedStartNs;
    this.clients = new UserClients(id, worker, run, vars);
    this.outcomes = new OutcomeRecorder(id, run, worker.recorder, vars);
  }

  /** Starts the user; must be called on its worker's loop. */
  void start() {
    start(0);
  }

  /**
   * Starts the user, which sends its first message (or session set-up) {@code delayNs} from now;
   * must be called on its worker's loop. Until then it counts as active and leaves at once when
   * retired, as a user between messages does.
   */
  void start(long delayNs) {
    worker.users.add(this);
    run.activeUsers.incrementAndGet();
    pause.start(delayNs, this::setUp);
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
   * that is only thinking or pacing leaves at once; one waiting to retry its message still does
   * (the message is not over) until {@link #cut}.
   */
  void retire() {
    retiring = true;
    if (current == null && retryPending == null) {
      pause.cancel();
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
      pause.cancel();
      Runnable pending = retryPending;
      retryPending = null;
      if (pending != null) {
        pending.run();
      }
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
    long startNs = System.nanoTime();
    SessionSetUp.run(scenario.session().get(), requests, clients.http, vars)
        .onComplete(
            ar -> {
              SessionSetUp.Failure error = ar.result();
              worker.recorder.recordSession(
                  System.nanoTime() - startNs,
                  error == null ? null : error.errorClass(),
                  error == null ? null : run.redactorFor(vars).redact(error.message()));
              if (error == null) {
                nextConversation();
              } else if (shouldStop()) {
                finish();
              } else {
                pause.start(SESSION_RETRY_NS, this::setUp);
              }
            });
  }

  // ---- conversations ----

  private void nextConversation() {
    if (shouldStop() || vars.iteration >= maxIterations) {
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
      vars.row(next);
    }
    vars.iteration++;
    ConversationSpec c = run.picker.pick(random);
    vars.conversation = c.name();
    turn(c, 0, run.chatHistory ? new History() : null);
  }

  private void endConversation() {
    if (shouldStop() || vars.iteration >= maxIterations) {
      finish();
      return;
    }
    long backoffNs = connectBackoff.delayNs(random);
    if (backoffNs > 0) {
      worker.recorder.recordConnectBackoff(backoffNs);
    }
    pause.start(scenario.pacing().nextNanos(random) + backoffNs, this::nextConversation);
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
    pause.start(
        thinkNs,
        () -> {
          worker.recorder.recordThinkTime(c.name(), System.nanoTime() - thinkStart);
          send(c, index, history);
        });
  }

  private void send(ConversationSpec c, int index, History history) {
    Future<Void> previousEnded = clients.http.previousResponseEnded();
    if (!previousEnded.isComplete()) {
      // The last response is still open after its done marker: its tail is nobody's latency.
      long waitStart = System.nanoTime();
      previousEnded.onComplete(
          ar -> {
            worker.recorder.recordResponseTail(System.nanoTime() - waitStart);
            if (done) {
              return;
            }
            if (shouldStop()) {
              finish();
              return;
            }
            send(c, index, history);
          });
      return;
    }
    vars.turn = index + 1;
    vars.message = c.turns().get(index).message().render(vars);
    long now = System.nanoTime();
    boolean scheduled =
        vars.iteration == 1 && index == 0 && firstIntendedStartNs != MessageOutcome.NONE;
    long intended = scheduled ? firstIntendedStartNs : now;
    currentMessage = new CurrentMessage(c.name(), vars.turn, intended);
    MessageTrace trace = run.traceMessage(id, c.name(), vars.turn, vars);
    // connection.maxConnections: the user keeps its permit while it keeps its connection (its
    // life with reuse, one message without); waiting for one is send delay.
    permit.withPermit(
        () -> attempt(new MessageSend(c, index, history, intended, System.nanoTime(), trace), 1, 0),
        () -> !done);
  }

  private void attempt(MessageSend m, int attemptNo, long waitedNs) {
    MessageTrace trace = m.trace();
    MessageAttempt attempt =
        new MessageAttempt(
            run.vertx,
            run,
            deadlines,
            state,
            m.answerReadLater() || run.tokenCounter != null,
            run.interpreter.renderMatchValues(vars),
            trace);
    current = attempt;
    long sendNs = System.nanoTime();
    if (trace != null) {
      trace.sent(sendNs);
    }
    Exchange exchange = clients.exchange(m.history(), attempt);
    run.inFlight.incrementAndGet();
    attempt
        .attach(exchange, m.intendedNs())
        .onComplete(
            ar -> {
              run.inFlight.decrementAndGet();
              current = null;
              if (!scenario.connection().reuse()) {
                permit.release();
              }
              AttemptState r = ar.result();
              if (r.error == ErrorClass.CONNECT) {
                connectBackoff.refused();
              } else if (r.error != ErrorClass.GENERATOR) {
                connectBackoff.answered();
              }
              if (retiring && r.error == ErrorClass.GENERATOR) {
                outcomes.recordInterruptedAttempt(m, r, sendNs, attemptNo, waitedNs);
                finish();
                return;
              }
              long retryDelay = RetryAfter.delayNs(scenario.retry(), r, attemptNo);
              if (retryDelay >= 0 && !shouldStop()) {
                worker.recorder.recordRetriedAttempt(
                    m.conversation().name(), m.turn(), m.intendedNs(), r.error);
                long retryFromNs = System.nanoTime();
                // Until the retry is sent the message is still going: the run's end waits for it
                // (graceful stop), and cuts it as interrupted when that runs out.
                retryPending =
                    () ->
                        outcomes.recordInterruptedBeforeRetry(
                            m, sendNs, attemptNo, waitedNs, retryFromNs, r.error);
                pause.start(
                    retryDelay,
                    () -> {
                      retryPending = null;
                      attempt(m, attemptNo + 1, waitedNs + retryDelay);
                    });
                return;
              }
              outcomes.record(m, r, sendNs, attemptNo, waitedNs);
              if (!r.ok()) {
                endConversation();
                return;
              }
              if (m.answerReadLater()) {
                m.history().user(vars.message);
                m.history().assistant(r.answerText.toString());
              }
              turn(m.conversation(), m.index() + 1, m.history());
            });
  }

  // ---- pauses and the end ----

  private void finish() {
    if (done) {
      return;
    }
    done = true;
    pause.cancel();
    deadlines.close();
    if (permit.cancelWait()) {
      CurrentMessage m = currentMessage;
      outcomes.recordInterruptedWaitingForConnection(
          m.conversation(), m.turn(), m.intendedStartNs());
    }
    permit.release();
    worker.users.remove(this);
    run.activeUsers.decrementAndGet();
    clients.close().onComplete(ar -> finished.tryComplete());
  }
}
