package dev.streamstorm.cluster;

import dev.streamstorm.engine.ResultsFactory;
import dev.streamstorm.engine.RunOutcome;
import dev.streamstorm.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code streamstorm agent}: a member of the cluster that announces itself every second, takes one
 * test at a time from a coordinator, runs its share and reports every interval. It refuses a test
 * from a coordinator of another streamstorm version, stops a test whose coordinator has left, and
 * on {@link #shutdown} stops its test gracefully and leaves the cluster. Its state is confined to
 * one thread of its own; event-bus handlers only hand messages to it.
 */
public final class Agent {

  /** Where the agent's lines go, and an optional hook for each finished test. */
  public interface Listener {
    void print(String line);

    /** A test has ended here (its outcome is this agent's share only). */
    default void testFinished(FinishedTest test) {}
  }

  /**
   * @param testId the test's id
   * @param agentName this agent's name
   * @param share the slice of the scenario this agent ran
   * @param target where it sent traffic
   * @param outcome what it measured
   */
  public record FinishedTest(
      String testId, String agentName, Scenario share, URI target, RunOutcome outcome) {}

  /**
   * @param name shown by coordinators and in results
   * @param eventLoops event loops a test runs on
   * @param version this streamstorm's version; a coordinator must run the same
   */
  public record Options(String name, int eventLoops, String version) {}

  private static final long SHUTDOWN_WAIT_S = 60;
  private static final long LEAVE_WAIT_S = 15;

  private final ClusterNode node;
  private final Options options;
  private final Listener listener;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "streamstorm-agent");
            t.setDaemon(true);
            return t;
          });
  private final CompletableFuture<Void> left = new CompletableFuture<>();
  private AgentRun current;
  private CompletableFuture<Void> currentEnded = CompletableFuture.completedFuture(null);
  private boolean shuttingDown;
  private volatile long ticks = -1;
  private volatile boolean closing;

  private Agent(ClusterNode node, Options options, Listener listener) {
    this.node = node;
    this.options = options;
    this.listener = listener;
  }

  /** Joins the cluster, prints one line, and waits for work. */
  public static Future<Agent> start(ClusterSettings settings, Options options, Listener listener) {
    return ClusterNode.join(settings)
        .compose(
            node -> {
              Agent a = new Agent(node, options, listener);
              return a.listen().map(a);
            });
  }

  private Future<Void> listen() {
    node.onMemberLeft(id -> onThread(() -> memberLeft(id)));
    var consumer =
        node.bus()
            .<JsonObject>consumer(Wire.agent(node.nodeId()), msg -> onThread(() -> onMessage(msg)));
    return consumer
        .completion()
        .onSuccess(
            v -> {
              ticks = node.vertx().setPeriodic(1, Wire.HEARTBEAT_MS, t -> onThread(this::tick));
              listener.print(
                  "agent "
                      + options.name()
                      + " joined the cluster at "
                      + node.memberAddress()
                      + " ("
                      + node.members()
                      + " members; streamstorm "
                      + options.version()
                      + ", "
                      + options.eventLoops()
                      + " event loops); waiting for work");
            });
  }

  private void onThread(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException leaving) {
      // Shut down: the agent is leaving the cluster.
    }
  }

  /** Completes once the agent has left the cluster. */
  public CompletableFuture<Void> left() {
    return left;
  }

  /**
   * Stops the test in progress gracefully (its coordinator still gets its final intervals), waits
   * for it (bounded), and leaves the cluster.
   */
  public CompletableFuture<Void> shutdown() {
    onThread(
        () -> {
          if (shuttingDown) {
            return;
          }
          shuttingDown = true;
          if (current != null) {
            current.stop("interrupted", false);
          }
          currentEnded
              .orTimeout(SHUTDOWN_WAIT_S, TimeUnit.SECONDS)
              .whenComplete(
                  (v, e) -> {
                    CompletableFuture<Void> leaving = new CompletableFuture<>();
                    closing = true;
                    node.vertx().cancelTimer(ticks);
                    node.leave().onComplete(ar -> leaving.complete(null));
                    leaving
                        .completeOnTimeout(null, LEAVE_WAIT_S, TimeUnit.SECONDS)
                        .thenRun(
                            () -> {
                              thread.shutdown();
                              left.complete(null);
                            });
                  });
        });
    return left;
  }

  private void tick() {
    if (closing) {
      return;
    }
    node.bus()
        .publish(
            Wire.ANNOUNCE,
            new JsonObject()
                .put("type", Wire.HELLO)
                .put("agent", node.nodeId())
                .put("name", options.name())
                .put("host", node.memberAddress())
                .put("version", options.version())
                .put("eventLoops", options.eventLoops())
                .put("busy", current != null || shuttingDown));
    if (current != null && current.started()) {
      current.heartbeat();
    }
  }

  private void onMessage(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    String type = body.getString("type", "");
    switch (type) {
      case Wire.PREPARE -> prepare(TestPlan.fromJson(body), msg);
      case Wire.START -> start(body);
      case Wire.STOP -> stop(body);
      default -> {
        // An unknown message type comes from a newer coordinator; prepare refuses those.
      }
    }
  }

  private void prepare(TestPlan plan, Message<JsonObject> msg) {
    if (current != null || shuttingDown) {
      msg.reply(new JsonObject().put("type", Wire.BUSY));
      return;
    }
    if (!options.version().equals(plan.version())) {
      String why =
          "the coordinator at "
              + plan.coordinatorHost()
              + " runs streamstorm "
              + plan.version()
              + " and this agent runs "
              + options.version()
              + "; run the same version everywhere";
      listener.print("agent " + options.name() + " refused test " + plan.testId() + ": " + why);
      msg.reply(new JsonObject().put("type", Wire.REFUSED).put("error", why));
      return;
    }
    try {
      current = AgentRun.prepare(plan, node.nodeId(), node.bus(), options.eventLoops());
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      String why = "cannot run the test here: " + describe(cause);
      listener.print("agent " + options.name() + " refused test " + plan.testId() + ": " + why);
      msg.reply(new JsonObject().put("type", Wire.REFUSED).put("error", why));
      return;
    }
    AgentRun t = current;
    CompletableFuture<Void> ended = new CompletableFuture<>();
    currentEnded = ended;
    t.completion().whenComplete((o, e) -> onThread(() -> finished(t, o, e, ended)));
    msg.reply(new JsonObject().put("type", Wire.READY).put("eventLoops", options.eventLoops()));
    // A coordinator that never says start (it failed or was stopped) must not keep us busy.
    node.vertx()
        .setTimer(
            plan.startWithinMs(),
            id ->
                onThread(
                    () -> {
                      if (current == t && !t.started()) {
                        t.stop("no start from the coordinator", true);
                      }
                    }));
  }

  private void start(JsonObject body) {
    AgentRun t = current;
    if (t == null || !t.plan.testId().equals(body.getString("test")) || t.started()) {
      return;
    }
    Instant at = Instant.ofEpochMilli(body.getLong("at"));
    t.startAt(at);
    listener.print(
        "agent "
            + options.name()
            + ": test "
            + t.plan.testId()
            + " from "
            + t.plan.coordinatorHost()
            + " ("
            + t.share.name()
            + ", share "
            + (t.plan.index() + 1)
            + "/"
            + t.plan.agents()
            + ": "
            + ResultsFactory.describeLoad(t.share.load())
            + ") starts at "
            + LocalTime.ofInstant(at, ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS));
  }

  private void stop(JsonObject body) {
    AgentRun t = current;
    if (t != null && t.plan.testId().equals(body.getString("test"))) {
      t.stop(body.getString("reason", "stopped"), body.getBoolean("now", false));
    }
  }

  private void memberLeft(String nodeId) {
    AgentRun t = current;
    if (t != null && t.plan.coordinatorNode().equals(nodeId)) {
      listener.print(
          "agent "
              + options.name()
              + ": the coordinator of test "
              + t.plan.testId()
              + " left the cluster; stopping the test");
      t.stop("coordinator lost", true);
    }
  }

  private void finished(AgentRun t, RunOutcome o, Throwable error, CompletableFuture<Void> ended) {
    try {
      if (error == null) {
        t.sendDone(o);
        listener.testFinished(
            new FinishedTest(t.plan.testId(), options.name(), t.share, t.target, o));
      } else if (t.started()) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        t.sendFailed(describe(cause));
        listener.print(
            "agent "
                + options.name()
                + ": test "
                + t.plan.testId()
                + " failed: "
                + describe(cause));
      }
    } finally {
      t.close();
      if (current == t) {
        current = null;
      }
      ended.complete(null);
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
