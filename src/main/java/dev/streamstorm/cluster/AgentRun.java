package dev.streamstorm.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.engine.Run;
import dev.streamstorm.engine.RunOutcome;
import dev.streamstorm.engine.RunStatus;
import dev.streamstorm.engine.SocketBudget;
import dev.streamstorm.metrics.ErrorSample;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One agent's share of one test: loads the scenario it was sent, takes its slice, runs it on a
 * Vert.x of its own and streams every interval (and, when asked, every finished message) to the
 * coordinator. Its run does not judge itself: the coordinator judges the merged intervals and says
 * when to stop.
 */
final class AgentRun {
  private static final long PREPARE_TIMEOUT_S = 120;
  private static final ObjectMapper JSON = new ObjectMapper();

  final TestPlan plan;
  final Scenario share;
  final URI target;
  private final String nodeId;
  private final EventBus bus;
  private final Path dir;
  private final Vertx load;
  private final MessageForwarder forwarder;
  private final AtomicInteger intervalsSent = new AtomicInteger();
  private volatile Run run;
  private volatile boolean started;

  private AgentRun(
      TestPlan plan,
      Scenario share,
      URI target,
      String nodeId,
      EventBus bus,
      Path dir,
      Vertx load,
      MessageForwarder forwarder) {
    this.plan = plan;
    this.share = share;
    this.target = target;
    this.nodeId = nodeId;
    this.bus = bus;
    this.dir = dir;
    this.load = load;
    this.forwarder = forwarder;
  }

  /**
   * Loads and slices the scenario, deploys the workers and warms them up: blocks (call it off the
   * event loops). Throws with a message for the coordinator when the test cannot run here.
   */
  static AgentRun prepare(TestPlan plan, String nodeId, EventBus bus, int eventLoops)
      throws Exception {
    Path dir = Files.createTempDirectory("streamstorm-agent-");
    Vertx load = null;
    try {
      Path rows = plan.rows() == null ? null : writeRows(plan.rows(), dir.resolve("rows.jsonl"));
      ScenarioLoader loader = new ScenarioLoader(System::getenv);
      var overrides = OverridesCodec.decode(plan.overrides());
      Scenario whole =
          plan.text() == null
              ? loader.fromFlags(overrides)
              : loader.loadReceived(plan.fileName(), plan.text(), rows, overrides);
      Scenario share = PlanSplitter.slice(whole, plan.index(), plan.agents());
      Optional<String> cannotHold =
          SocketBudget.problem(share, eventLoops, false, SocketBudget.Limits.ofThisProcess());
      if (cannotHold.isPresent()) {
        throw new IllegalStateException("agent " + nodeId + ": " + cannotHold.get());
      }
      URI target =
          share
              .target()
              .url()
              .orElseThrow(() -> new IllegalStateException("the test has no target URL"));
      load = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
      MessageForwarder forwarder = plan.forwardMessages() ? new MessageForwarder() : null;
      AgentRun t = new AgentRun(plan, share, target, nodeId, bus, dir, load, forwarder);
      Run.Config config =
          new Run.Config(
              eventLoops,
              Duration.ofMillis(plan.intervalMs()),
              System::getenv,
              List.of(t::onInterval),
              forwarder == null ? MessageLog.NONE : forwarder,
              false,
              (double) plan.index() / plan.agents());
      t.run = Run.prepare(load, share, target, config).get(PREPARE_TIMEOUT_S, TimeUnit.SECONDS);
      return t;
    } catch (Exception | Error e) {
      if (load != null) {
        load.close();
      }
      deleteQuietly(dir);
      throw e;
    }
  }

  void startAt(Instant at) {
    started = true;
    run.startAt(at);
  }

  boolean started() {
    return started;
  }

  void stop(String reason, boolean now) {
    if (now) {
      run.stopNow(reason);
    } else {
      run.stop(reason);
    }
  }

  CompletableFuture<RunOutcome> completion() {
    return run.completion();
  }

  /** Tells the coordinator this test is alive. */
  void heartbeat() {
    bus.send(Wire.test(plan.testId()), message(Wire.HEARTBEAT));
  }

  /** The final report: sent after the last interval. */
  void sendDone(RunOutcome o) {
    JsonArray samples = new JsonArray();
    for (ErrorSample e : o.errorSamples()) {
      samples.add(OutcomeCodec.encode(e));
    }
    JsonArray stages = new JsonArray();
    for (long b : o.stageBoundariesNs()) {
      stages.add(b);
    }
    JsonObject m =
        message(Wire.DONE)
            .put("intervals", intervalsSent.get())
            .put("endReason", o.endReason())
            .put("durationNs", o.durationNs())
            .put("measuredNs", o.measuredNs())
            .put("eventLoops", o.eventLoops())
            .put("stageBoundariesNs", stages)
            .put("errorSamples", samples);
    if (forwarder != null) {
      m.put("messages", forwarder.drain());
    }
    bus.send(Wire.test(plan.testId()), m);
  }

  void sendFailed(String error) {
    bus.send(Wire.test(plan.testId()), message(Wire.FAILED).put("error", error));
  }

  /** Frees the test's Vert.x and files. */
  void close() {
    load.close();
    deleteQuietly(dir);
  }

  /** On the run's ticker thread: the snapshot is encoded before the call returns. */
  private void onInterval(IntervalSnapshot s, RunStatus st) {
    JsonObject m =
        message(Wire.INTERVAL)
            .put("snapshot", SnapshotCodec.encode(s, run.startNs()))
            .put(
                "status",
                new JsonObject()
                    .put("plannedNs", st.plannedNs())
                    .put("stage", st.stage())
                    .put("stages", st.stages())
                    .put("openModel", st.openModel())
                    .put("endReason", st.endReason()));
    if (forwarder != null) {
      m.put("messages", forwarder.drain());
    }
    intervalsSent.incrementAndGet();
    bus.send(Wire.test(plan.testId()), m);
  }

  private JsonObject message(String type) {
    return new JsonObject().put("type", type).put("agent", nodeId);
  }

  private static Path writeRows(List<Map<String, String>> rows, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Map<String, String> row : rows) {
        w.write(JSON.writeValueAsString(row));
        w.newLine();
      }
    }
    return file;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary folder left behind is harmless.
    }
  }
}
