package dev.streamstorm.cluster;

import dev.streamstorm.engine.DataRows;
import dev.streamstorm.engine.IntervalPipeline;
import dev.streamstorm.engine.ResultsFactory;
import dev.streamstorm.engine.Run;
import dev.streamstorm.engine.RunControl;
import dev.streamstorm.engine.RunOutcome;
import dev.streamstorm.engine.RunStatus;
import dev.streamstorm.metrics.ErrorSample;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.results.LostAgent;
import dev.streamstorm.metrics.results.Summary;
import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.AsyncResult;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The coordinating side of a distributed run ({@code run --agents N}): joins the cluster, waits for
 * N agents, gives each its share of the test, starts them all at one agreed wall-clock instant,
 * merges their k-th intervals into one and feeds the result to the same {@link IntervalPipeline} a
 * run in one JVM uses, so thresholds, abortOnFail, sweeps, live progress and every output work
 * unchanged. An agent lost mid-run (it left, went silent, or its run failed) is noticed within
 * seconds; the others go on and the outcome records what was lost. Ctrl-C stops every agent
 * gracefully and waits (bounded) for their final intervals. All state is confined to one thread of
 * its own; event-bus handlers only hand messages to it.
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

  private enum Phase {
    JOINING,
    WAITING,
    RUNNING,
    DONE
  }

  /** Between the last agent ready and the agreed start: time for the start message to arrive. */
  static final long START_LEAD_MS = 1_500;

  /** An agent silent this long (no interval, no heartbeat) is lost. */
  static final long LOST_AFTER_NS = TimeUnit.SECONDS.toNanos(5);

  /** An interval is merged without a silent agent this long after it should have ended. */
  static final long MERGE_GRACE_NS = TimeUnit.SECONDS.toNanos(2);

  /** After a stop, how long agents may take past their graceful stop to report their end. */
  static final long FINAL_WAIT_NS = TimeUnit.SECONDS.toNanos(10);

  private static final long CHECK_MS = 100;
  private static final long START_SLACK_MS = 30_000;
  private static final long PREPARE_TIMEOUT_MS = 150_000;
  private static final long LEAVE_TIMEOUT_S = 15;

  private final Request request;
  private final String testId = UUID.randomUUID().toString().substring(0, 8);
  private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "streamstorm-coordinator");
            t.setDaemon(true);
            return t;
          });
  private final AgentLink[] slots;
  private final Map<String, JsonObject> candidates = new LinkedHashMap<>();
  private final String scenarioText;
  private final List<Map<String, String>> rows;
  private final long intervalNs;
  private final long gracefulStopNs;
  private final boolean forwardMessages;
  private ClusterNode node;
  private Phase phase = Phase.JOINING;
  private IntervalPipeline pipeline;
  private IntervalMerger merger;
  private Instant startedAt;
  private long startNs;
  private String endReason;
  private long finalDeadlineNs = Long.MAX_VALUE;
  private long allEndedNs = -1;
  private JsonObject lastStatus = new JsonObject();

  private Coordinator(Request r) {
    this.request = r;
    this.slots = new AgentLink[r.agents()];
    this.scenarioText = r.scenarioFile() == null ? null : readText(r.scenarioFile());
    this.rows = r.scenario().data().map(DataRows::read).orElse(null);
    this.intervalNs = r.config().interval().toNanos();
    this.gracefulStopNs = gracefulStop(r.scenario().load()).toNanos();
    this.forwardMessages = r.config().messageLog() != MessageLog.NONE;
  }

  /**
   * Checks that the test can be split (a {@link dev.streamstorm.scenario.ScenarioException} when
   * not), then joins the cluster and runs the test in the background.
   */
  public static Coordinator start(Request r) {
    Coordinator c = new Coordinator(r);
    PlanSplitter.check(r.scenario(), r.agents(), c.rows == null ? 0 : c.rows.size());
    c.thread.execute(c::join);
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

  // ---- joining and waiting for agents ----

  private void join() {
    ClusterNode.join(request.cluster()).onComplete(ar -> onThread(() -> joined(ar)));
  }

  private void joined(AsyncResult<ClusterNode> ar) {
    if (ar.failed()) {
      fail(
          new ClusterException(
              "cannot join the cluster at "
                  + request.cluster().host()
                  + ": "
                  + describe(ar.cause()),
              ar.cause()));
      return;
    }
    if (phase != Phase.JOINING) {
      ar.result().leave(); // stopped while joining
      return;
    }
    node = ar.result();
    node.onMemberLeft(id -> onThread(() -> memberLeft(id)));
    var results =
        node.bus()
            .<JsonObject>consumer(Wire.test(testId), m -> onThread(() -> onAgentMessage(m.body())));
    results
        .completion()
        .onComplete(
            done ->
                onThread(
                    () -> {
                      if (phase != Phase.JOINING) {
                        return;
                      }
                      phase = Phase.WAITING;
                      node.bus()
                          .<JsonObject>consumer(
                              Wire.ANNOUNCE, m -> onThread(() -> onHello(m.body())));
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
                    }));
    thread.schedule(this::agentTimeout, request.agentTimeout().toMillis(), TimeUnit.MILLISECONDS);
    thread.scheduleWithFixedDelay(this::check, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
  }

  private void onHello(JsonObject hello) {
    if (phase != Phase.WAITING || !Wire.HELLO.equals(hello.getString("type"))) {
      return;
    }
    String id = hello.getString("agent");
    if (link(id) != null) {
      return;
    }
    if (hello.getBoolean("busy", false)) {
      candidates.remove(id);
    } else {
      candidates.putIfAbsent(id, hello);
    }
    fillSlots();
  }

  /** Offers every empty slot to an agent heard from and not yet asked. */
  private void fillSlots() {
    for (int i = 0; i < slots.length && !candidates.isEmpty(); i++) {
      if (slots[i] != null) {
        continue;
      }
      var first = candidates.entrySet().iterator().next();
      candidates.remove(first.getKey());
      AgentLink link = new AgentLink(i, first.getValue());
      slots[i] = link;
      node.bus()
          .<JsonObject>request(
              Wire.agent(link.nodeId),
              plan(i).toJson(),
              new DeliveryOptions().setSendTimeout(PREPARE_TIMEOUT_MS))
          .onComplete(ar -> onThread(() -> prepared(link, ar)));
    }
  }

  private TestPlan plan(int index) {
    ScenarioOverrides overrides =
        request.scenario().target().embedded()
            ? OverridesCodec.withTarget(request.overrides(), request.target().toString())
            : request.overrides();
    return new TestPlan(
        testId,
        node.nodeId(),
        request.cluster().host(),
        request.version(),
        index,
        slots.length,
        request.scenarioFile() == null ? null : request.scenarioFile().toString(),
        scenarioText,
        OverridesCodec.encode(overrides),
        rows == null ? null : PlanSplitter.rows(rows, index, slots.length),
        request.config().interval().toMillis(),
        forwardMessages,
        request.agentTimeout().toMillis() + START_LEAD_MS + START_SLACK_MS);
  }

  private void prepared(AgentLink link, AsyncResult<Message<JsonObject>> ar) {
    if (phase == Phase.DONE) {
      return; // the agent sees this coordinator leave and cancels its test
    }
    if (phase != Phase.WAITING || slots[link.index] != link) {
      if (ar.succeeded() && Wire.READY.equals(ar.result().body().getString("type"))) {
        send(link, stopMessage("cancelled", true));
      }
      return;
    }
    if (ar.failed()) {
      request.log().accept("agent " + link.name + " did not answer (" + describe(ar.cause()) + ")");
      slots[link.index] = null;
      fillSlots();
      return;
    }
    JsonObject reply = ar.result().body();
    switch (reply.getString("type", "")) {
      case Wire.READY -> {
        link.state = AgentLink.State.READY;
        link.eventLoops = reply.getInteger("eventLoops", link.eventLoops);
        long ready =
            java.util.Arrays.stream(slots)
                .filter(s -> s != null && s.state == AgentLink.State.READY)
                .count();
        request
            .log()
            .accept(
                "agent "
                    + link.name
                    + " ("
                    + link.host
                    + ", "
                    + link.eventLoops
                    + " event loops) ready: "
                    + ready
                    + "/"
                    + slots.length);
        if (ready == slots.length) {
          go();
        }
      }
      case Wire.REFUSED -> {
        String why =
            "agent "
                + link.name
                + " ("
                + link.host
                + ") refused the test: "
                + reply.getString("error");
        request.log().accept(why);
        fail(new ClusterException(why));
      }
      default -> {
        slots[link.index] = null; // busy with another coordinator's test
        fillSlots();
      }
    }
  }

  private void agentTimeout() {
    if (phase != Phase.WAITING && phase != Phase.JOINING) {
      return;
    }
    List<String> ready = new ArrayList<>();
    for (AgentLink l : slots) {
      if (l != null && l.state == AgentLink.State.READY) {
        ready.add(l.name);
      }
    }
    fail(
        new ClusterException(
            "only "
                + ready.size()
                + " of "
                + slots.length
                + " agents were ready within "
                + request.agentTimeout().toSeconds()
                + "s"
                + (ready.isEmpty() ? "" : " (" + String.join(", ", ready) + ")")
                + "; start more with: streamstorm agent --cluster-host IP --join "
                + request.cluster().host()
                + (node == null
                    ? ""
                    : " (this coordinator is cluster member " + node.memberAddress() + ")")
                + silentMembers()));
  }

  /** Members that joined but never offered to run point at the event bus, not at Hazelcast. */
  private String silentMembers() {
    if (node == null) {
      return "";
    }
    long asked = java.util.Arrays.stream(slots).filter(Objects::nonNull).count();
    long others = node.members() - 1L - asked;
    if (others <= 0) {
      return "";
    }
    return ". The cluster has "
        + others
        + " other member"
        + (others == 1 ? "" : "s")
        + " that did not offer to run the test: busy with another test, or their event bus"
        + " cannot reach this one (use the same --cluster-tls-* options everywhere; open the"
        + " --bus-port in firewalls)";
  }

  // ---- running ----

  private void go() {
    long atMs = System.currentTimeMillis() + START_LEAD_MS;
    startedAt = Instant.ofEpochMilli(atMs);
    startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(atMs - System.currentTimeMillis());
    pipeline =
        new IntervalPipeline(
            request.scenario(),
            startNs,
            request.config().interval(),
            request.config().listeners(),
            true);
    merger = new IntervalMerger(slots.length);
    phase = Phase.RUNNING;
    List<String> names = new ArrayList<>();
    for (AgentLink l : slots) {
      l.state = AgentLink.State.RUNNING;
      l.lastHeardNs = startNs;
      names.add(l.name);
      send(l, new JsonObject().put("type", Wire.START).put("test", testId).put("at", atMs));
    }
    request
        .log()
        .accept(
            "streamstorm: test "
                + testId
                + " starts on "
                + slots.length
                + " agents ("
                + String.join(", ", names)
                + ") at "
                + LocalTime.ofInstant(startedAt, ZoneId.systemDefault())
                    .truncatedTo(ChronoUnit.MILLIS));
  }

  private void onAgentMessage(JsonObject m) {
    AgentLink link = link(m.getString("agent"));
    if (link == null || phase != Phase.RUNNING) {
      return;
    }
    if (link.state == AgentLink.State.LOST) {
      // Declared lost already: its share is reported missing, so it must not come back in part.
      send(link, stopMessage("lost", true));
      return;
    }
    link.lastHeardNs = System.nanoTime();
    switch (m.getString("type", "")) {
      case Wire.INTERVAL -> {
        IntervalSnapshot s = SnapshotCodec.decode(m.getJsonObject("snapshot"), startNs);
        link.intervalsReceived++;
        link.health.accept(s);
        merger.offer(link.index, s);
        lastStatus = m.getJsonObject("status", lastStatus);
        forward(link, m.getJsonArray("messages"));
      }
      case Wire.DONE -> {
        link.state = AgentLink.State.DONE;
        link.done = m;
        link.eventLoops = m.getInteger("eventLoops", link.eventLoops);
        merger.finished(link.index, m.getInteger("intervals"));
        forward(link, m.getJsonArray("messages"));
        if (endReason == null && "interrupted".equals(m.getString("endReason"))) {
          // Stopped on the agent's machine (Ctrl-C there): the rest of its share never ran.
          link.lost = lostRecord(link, "stopped on the agent (Ctrl-C or SIGTERM there)");
          request.log().accept(lostLine(link.lost));
        }
      }
      case Wire.FAILED -> lose(link, "its run failed: " + m.getString("error"));
      default -> {
        // heartbeat: being heard is all it says
      }
    }
    advance();
  }

  private void forward(AgentLink link, JsonArray messages) {
    if (messages == null) {
      return;
    }
    MessageLog log = request.config().messageLog();
    for (Object o : messages) {
      log.onMessage(OutcomeCodec.decode((JsonArray) o, startNs, link.index, slots.length), startNs);
    }
  }

  private void check() {
    if (phase != Phase.RUNNING) {
      return;
    }
    long now = System.nanoTime();
    for (AgentLink l : slots) {
      if (l.running() && now - l.lastHeardNs > LOST_AFTER_NS) {
        lose(l, "no heartbeat for " + TimeUnit.NANOSECONDS.toSeconds(LOST_AFTER_NS) + " s");
      }
    }
    long planned = lastStatus.getLong("plannedNs", Long.MAX_VALUE);
    if (planned != Long.MAX_VALUE && finalDeadlineNs == Long.MAX_VALUE) {
      finalDeadlineNs = startNs + planned + gracefulStopNs + 2 * FINAL_WAIT_NS;
    }
    if (now > finalDeadlineNs) {
      for (AgentLink l : slots) {
        if (l.running()) {
          lose(l, "no final report in time");
        }
      }
    }
    advance();
  }

  private void memberLeft(String nodeId) {
    candidates.remove(nodeId);
    AgentLink l = link(nodeId);
    if (l == null) {
      return;
    }
    if (phase == Phase.WAITING) {
      request.log().accept("agent " + l.name + " left the cluster before the start");
      slots[l.index] = null;
      fillSlots();
    } else if (phase == Phase.RUNNING && l.running()) {
      lose(l, "left the cluster", true);
      advance();
    }
  }

  private void lose(AgentLink l, String reason) {
    lose(l, reason, false);
  }

  /**
   * @param departed true when it left the cluster: nothing can reach it any more
   */
  private void lose(AgentLink l, String reason, boolean departed) {
    if (l.ended()) {
      return;
    }
    l.state = AgentLink.State.LOST;
    l.lost = lostRecord(l, reason);
    merger.lost(l.index);
    if (!departed) {
      send(l, stopMessage("lost", true)); // silent but perhaps alive: its load must stop too
    }
    request.log().accept(lostLine(l.lost));
    if (java.util.Arrays.stream(slots).allMatch(s -> s.state == AgentLink.State.LOST)
        && endReason == null) {
      endReason = "agentsLost";
    }
  }

  private LostAgent lostRecord(AgentLink l, String reason) {
    double atSeconds = Summary.round((System.nanoTime() - startNs) / 1e9);
    Map<String, Object> share =
        ResultsFactory.describeLoad(
            PlanSplitter.slice(request.scenario(), l.index, slots.length).load());
    return new LostAgent(l.name, atSeconds, reason, share);
  }

  private static String lostLine(LostAgent lost) {
    return String.format(
        java.util.Locale.ROOT,
        "agent %s lost at %.1f s (%s): its share %s is missing from then on;"
            + " the results will be partial",
        lost.agent(),
        lost.atSeconds(),
        lost.reason(),
        lost.share());
  }

  /** Merges what is ready, judges it, and finishes once every agent has ended. */
  private void advance() {
    if (phase != Phase.RUNNING) {
      return;
    }
    long now = System.nanoTime();
    for (IntervalSnapshot s :
        merger.poll(i -> now > startNs + (i + 1L) * intervalNs + MERGE_GRACE_NS)) {
      publish(s);
    }
    if (!java.util.Arrays.stream(slots).allMatch(AgentLink::ended)) {
      return;
    }
    if (allEndedNs < 0) {
      allEndedNs = now;
    }
    // A final report can overtake the agent's last intervals: give those a moment to arrive.
    boolean allReceived =
        java.util.Arrays.stream(slots)
            .allMatch(l -> l.done == null || l.intervalsReceived >= l.done.getInteger("intervals"));
    if (allReceived || now - allEndedNs > MERGE_GRACE_NS) {
      for (IntervalSnapshot s : merger.flush()) {
        publish(s);
      }
      finish();
    }
  }

  private void publish(IntervalSnapshot s) {
    String reason = pipeline.accept(s, endReason != null);
    if (reason != null) {
      stopAgents(reason, false);
    }
    int healthy = 0;
    long now = System.nanoTime();
    for (AgentLink l : slots) {
      boolean heard =
          l.state == AgentLink.State.DONE
              || now - l.lastHeardNs < 2 * Wire.HEARTBEAT_MS * 1_000_000;
      if (l.lost == null) {
        healthy += heard && l.health.healthyNow() ? 1 : 0;
      }
    }
    pipeline.publish(
        s,
        new RunStatus(
            s.endNs() - startNs,
            lastStatus.getLong("plannedNs", Long.MAX_VALUE),
            lastStatus.getInteger("stage", 0),
            lastStatus.getInteger("stages", 0),
            lastStatus.getBoolean("openModel", false),
            endReason != null ? endReason : lastStatus.getString("endReason"),
            healthy,
            slots.length));
  }

  private void stopRequested(String reason, boolean now) {
    if (phase == Phase.RUNNING) {
      stopAgents(reason, now);
    } else if (phase != Phase.DONE) {
      fail(new ClusterException(reason + " before the test started"));
    }
  }

  private void stopAgents(String reason, boolean now) {
    if (endReason == null) {
      endReason = reason;
    }
    for (AgentLink l : slots) {
      if (l.running()) {
        send(l, stopMessage(reason, now));
      }
    }
    long deadline = System.nanoTime() + (now ? 0 : gracefulStopNs) + FINAL_WAIT_NS;
    finalDeadlineNs = Math.min(finalDeadlineNs, deadline);
  }

  private JsonObject stopMessage(String reason, boolean now) {
    return new JsonObject()
        .put("type", Wire.STOP)
        .put("test", testId)
        .put("reason", reason)
        .put("now", now);
  }

  // ---- ending ----

  private void finish() {
    phase = Phase.DONE;
    long durationNs = 0;
    String agentsEndReason = null;
    long[] stages = new long[0];
    List<ErrorSample> samples = new ArrayList<>();
    int eventLoops = 0;
    List<LostAgent> lost = new ArrayList<>();
    for (AgentLink l : slots) {
      eventLoops += l.eventLoops;
      if (l.lost != null) {
        lost.add(l.lost);
      }
      if (l.done == null) {
        continue;
      }
      durationNs = Math.max(durationNs, l.done.getLong("durationNs"));
      if (l.lost == null) { // an agent stopped on its own machine does not say why the test ended
        agentsEndReason =
            Objects.requireNonNullElse(agentsEndReason, l.done.getString("endReason"));
      }
      JsonArray b = l.done.getJsonArray("stageBoundariesNs");
      if (stages.length == 0 && !b.isEmpty()) {
        stages = b.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
      }
      for (Object o : l.done.getJsonArray("errorSamples")) {
        samples.add(OutcomeCodec.decodeSample((JsonObject) o));
      }
    }
    if (durationNs == 0) {
      durationNs = Math.max(0, System.nanoTime() - startNs);
    }
    long warmupNs = request.scenario().load().limits().warmup().toNanos();
    RunOutcome o =
        new RunOutcome(
            pipeline.accumulator(),
            endReason != null
                ? endReason
                : Objects.requireNonNullElse(agentsEndReason, "agentsLost"),
            startedAt,
            durationNs,
            Math.max(0, durationNs - warmupNs),
            stages,
            eventLoops,
            samples,
            pipeline.abortedBy(),
            pipeline.sweepResult(durationNs),
            java.util.Arrays.stream(slots).map(AgentLink::healthReport).toList(),
            lost);
    leave(() -> outcome.complete(o));
  }

  private void fail(Throwable e) {
    if (phase == Phase.DONE) {
      return;
    }
    phase = Phase.DONE;
    for (AgentLink l : slots) {
      if (l != null && node != null) {
        send(l, stopMessage("cancelled", true));
      }
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

  private void send(AgentLink l, JsonObject message) {
    try {
      node.bus().send(Wire.agent(l.nodeId), message);
    } catch (IllegalStateException closed) {
      // Leaving the cluster already: the agent sees this coordinator leave and stops.
    }
  }

  private AgentLink link(String nodeId) {
    for (AgentLink l : slots) {
      if (l != null && l.nodeId.equals(nodeId)) {
        return l;
      }
    }
    return null;
  }

  private static Duration gracefulStop(LoadSpec load) {
    return load instanceof LoadSpec.Open o
        ? o.gracefulStop()
        : ((LoadSpec.Closed) load).gracefulStop();
  }

  private static String readText(Path file) {
    try {
      String text = Files.readString(file);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
