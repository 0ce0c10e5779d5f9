package dev.streamstorm.cluster;

import dev.streamstorm.engine.Run;
import dev.streamstorm.engine.RunControl;
import dev.streamstorm.engine.RunOutcome;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.AsyncResult;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The coordinating side of a distributed run ({@code run --agents N}): joins the cluster, recruits
 * N agents ({@link Recruitment}), runs the test on them ({@link CoordinatedRun}: one agreed start,
 * intervals merged exactly and judged as in one JVM, lost agents noticed within seconds), leaves
 * the cluster and completes with the merged outcome. Ctrl-C stops every agent gracefully and waits
 * (bounded) for their final intervals. All state is confined to one thread of its own; event-bus
 * handlers and Hazelcast listeners only hand work to it.
 */
public final class Coordinator implements RunControl {

  /**
   * What to run and how.
   *
   * @param agents how many agents share the test
   * @param agentTimeout how long to wait for them
   * @param cluster how to join the cluster
   * @param scenarioFile the scenario file (its text is sent to the agents); null for flags only
   * @param overrides the command-line overrides (sent along)
   * @param scenario the loaded scenario (the whole test, for thresholds, sweep and results)
   * @param target where traffic goes (the embedded server's URL when there is one)
   * @param config interval, listeners (progress, HdrHistogram log) and per-message log (CSV)
   * @param version this streamstorm's version; agents must run the same
   * @param log where the coordinator's own lines go
   */
  public record Request(
      int agents,
      Duration agentTimeout,
      ClusterSettings cluster,
      Path scenarioFile,
      ScenarioOverrides overrides,
      Scenario scenario,
      URI target,
      Run.Config config,
      String version,
      Consumer<String> log) {}

  private static final long CHECK_MS = 100;
  private static final long LEAVE_TIMEOUT_S = 15;

  private final Request request;
  private final TestPlans plans;
  private final String testId = UUID.randomUUID().toString().substring(0, 8);
  private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "streamstorm-coordinator");
            t.setDaemon(true);
            return t;
          });
  private ClusterNode node;
  private Recruitment recruitment;
  private CoordinatedRun run;
  private boolean over;

  private Coordinator(Request r) {
    this.request = r;
    this.plans = new TestPlans(r);
  }

  /**
   * Checks that the test can be split (a {@link dev.streamstorm.scenario.ScenarioException} when
   * not), then joins the cluster and runs the test in the background.
   */
  public static Coordinator start(Request r) {
    Coordinator c = new Coordinator(r);
    PlanSplitter.check(r.scenario(), r.agents(), c.plans.rowCount());
    c.thread.execute(
        () -> ClusterNode.join(r.cluster()).onComplete(ar -> c.onThread(() -> c.joined(ar))));
    return c;
  }

  @Override
  public CompletableFuture<RunOutcome> completion() {
    return outcome;
  }

  @Override
  public void stop(String reason) {
    onThread(() -> stopRequested(reason, false));
  }

  @Override
  public void stopNow(String reason) {
    onThread(() -> stopRequested(reason, true));
  }

  private void onThread(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException over) {
      // The test has ended already.
    }
  }

  private void joined(AsyncResult<ClusterNode> ar) {
    if (ar.failed()) {
      fail(
          new ClusterException(
              "cannot join the cluster at "
                  + request.cluster().host()
                  + ": "
                  + ar.cause().getMessage(),
              ar.cause()));
      return;
    }
    if (over) {
      ar.result().leave(); // stopped while joining
      return;
    }
    node = ar.result();
    recruitment =
        new Recruitment(
            node,
            request.agents(),
            i -> plans.forAgent(i, testId, node.nodeId()),
            request.log(),
            this::onThread,
            new Recruitment.Outcome() {
              @Override
              public void allReady(AgentLink[] agents) {
                run = new CoordinatedRun(request, testId, agents, node);
              }

              @Override
              public void refused(ClusterException why) {
                fail(why);
              }
            });
    node.onMemberLeft(id -> onThread(() -> memberLeft(id)));
    // Agents report to the test's address: it must be known cluster-wide before they are asked.
    node.bus()
        .<JsonObject>consumer(Wire.test(testId), m -> onThread(() -> onAgentMessage(m.body())))
        .completion()
        .onComplete(done -> onThread(this::listenForAgents));
    thread.schedule(this::agentTimeout, request.agentTimeout().toMillis(), TimeUnit.MILLISECONDS);
    thread.scheduleWithFixedDelay(this::check, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
  }

  private void listenForAgents() {
    if (over) {
      return;
    }
    node.bus()
        .<JsonObject>consumer(Wire.ANNOUNCE, m -> onThread(() -> recruitment.onHello(m.body())));
    request
        .log()
        .accept(
            "streamstorm: waiting for "
                + request.agents()
                + " agent"
                + (request.agents() == 1 ? "" : "s")
                + " (this coordinator is cluster member "
                + node.memberAddress()
                + "; timeout "
                + request.agentTimeout().toSeconds()
                + "s)");
  }

  private void agentTimeout() {
    if (run == null && !over) {
      String why =
          recruitment == null
              ? "could not join the cluster within " + request.agentTimeout().toSeconds() + "s"
              : recruitment.shortfall(request.agentTimeout().toSeconds(), request.cluster().host());
      fail(new ClusterException(why));
    }
  }

  private void onAgentMessage(JsonObject m) {
    if (run != null && !over) {
      run.onAgentMessage(m);
      finishIfEnded();
    }
  }

  private void memberLeft(String nodeId) {
    if (over) {
      return;
    }
    if (run != null) {
      run.memberLeft(nodeId);
      finishIfEnded();
    } else if (recruitment != null) {
      recruitment.memberLeft(nodeId);
    }
  }

  private void check() {
    if (run != null && !over) {
      run.check();
      finishIfEnded();
    }
  }

  private void stopRequested(String reason, boolean now) {
    if (over) {
      return;
    }
    if (run != null) {
      run.stop(reason, now);
    } else {
      fail(new ClusterException(reason + " before the test started"));
    }
  }

  private void finishIfEnded() {
    if (run.ended()) {
      over = true;
      RunOutcome o = run.outcome();
      leave(() -> outcome.complete(o));
    }
  }

  private void fail(Throwable e) {
    if (over) {
      return;
    }
    over = true;
    if (recruitment != null) {
      recruitment.cancel();
    }
    leave(() -> outcome.completeExceptionally(e));
  }

  /** Leaves the cluster (bounded), then settles the outcome. */
  private void leave(Runnable settle) {
    CompletableFuture<Void> left = new CompletableFuture<>();
    if (node == null) {
      left.complete(null);
    } else {
      node.leave().onComplete(ar -> left.complete(null));
    }
    left.completeOnTimeout(null, LEAVE_TIMEOUT_S, TimeUnit.SECONDS)
        .thenRun(
            () -> {
              thread.shutdownNow();
              settle.run();
            });
  }
}
