package dev.streamstorm.cluster;

import dev.streamstorm.engine.IntervalPipeline;
import dev.streamstorm.engine.ResultsFactory;
import dev.streamstorm.engine.RunOutcome;
import dev.streamstorm.engine.RunStatus;
import dev.streamstorm.metrics.ErrorSample;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.results.LostAgent;
import dev.streamstorm.metrics.results.Summary;
import dev.streamstorm.scenario.LoadSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One test running on its agents, as the coordinator sees it: starts them at one instant, takes
 * their intervals, merges the k-th intervals of all agents and feeds them to the same {@link
 * IntervalPipeline} a run in one JVM uses (so thresholds, abortOnFail, sweeps and every listener
 * work unchanged), notices lost agents, and stops them all when the test must end. Confined to the
 * coordinator's thread.
 */
final class CoordinatedRun {
  /** Between the last agent ready and the agreed start: time for the start message to arrive. */
  static final long START_LEAD_MS = 1_500;

  /** An agent silent this long (no interval, no heartbeat) is lost. */
  static final long LOST_AFTER_NS = TimeUnit.SECONDS.toNanos(5);

  /** An interval is merged without a silent agent this long after it should have ended. */
  static final long MERGE_GRACE_NS = TimeUnit.SECONDS.toNanos(2);

  /** After a stop, how long agents may take past their graceful stop to report their end. */
  static final long FINAL_WAIT_NS = TimeUnit.SECONDS.toNanos(10);

  private final Coordinator.Request request;
  private final String testId;
  private final AgentLink[] agents;
  private final ClusterNode node;
  private final long intervalNs;
  private final long gracefulStopNs;
  private final Instant startedAt;
  private final long startNs;
  private final IntervalPipeline pipeline;
  private IntervalMerger merger; // null once everything is merged
  private String endReason;
  private long finalDeadlineNs = Long.MAX_VALUE;
  private long allEndedNs = -1;
  private JsonObject lastStatus = new JsonObject();

  /** Sends every agent the start instant, {@link #START_LEAD_MS} from now. */
  CoordinatedRun(Coordinator.Request request, String testId, AgentLink[] agents, ClusterNode node) {
    this.request = request;
    this.testId = testId;
    this.agents = agents;
    this.node = node;
    this.intervalNs = request.config().interval().toNanos();
    LoadSpec load = request.scenario().load();
    this.gracefulStopNs =
        (load instanceof LoadSpec.Open o
                ? o.gracefulStop()
                : ((LoadSpec.Closed) load).gracefulStop())
            .toNanos();
    long atMs = System.currentTimeMillis() + START_LEAD_MS;
    this.startedAt = Instant.ofEpochMilli(atMs);
    this.startNs =
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(atMs - System.currentTimeMillis());
    this.pipeline =
        new IntervalPipeline(
            request.scenario(),
            startNs,
            request.config().interval(),
            request.config().listeners(),
            true);
    this.merger = new IntervalMerger(agents.length);
    for (AgentLink l : agents) {
      l.state = AgentLink.State.RUNNING;
      l.lastHeardNs = startNs;
      send(l, new JsonObject().put("type", Wire.START).put("test", testId).put("at", atMs));
    }
    request
        .log()
        .accept(
            "streamstorm: test "
                + testId
                + " starts on "
                + agents.length
                + " agents ("
                + String.join(", ", Arrays.stream(agents).map(l -> l.name).toList())
                + ") at "
                + LocalTime.ofInstant(startedAt, ZoneId.systemDefault())
                    .truncatedTo(ChronoUnit.MILLIS));
  }

  /** True once every agent has ended and what they sent has been merged and published. */
  boolean ended() {
    return merger == null;
  }

  void onAgentMessage(JsonObject m) {
    AgentLink link = link(m.getString("agent"));
    if (link == null) {
      return;
    }
    if (link.state == AgentLink.State.LOST) {
      // Declared lost already: its share is reported missing, so it must not come back in part.
      send(link, Wire.stop("lost", true, testId));
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
      case Wire.FAILED -> lose(link, "its run failed: " + m.getString("error"), false);
      default -> {
        // heartbeat: being heard is all it says
      }
    }
    advance();
  }

  /** Periodically: silent agents are lost, overdue intervals merged, deadlines enforced. */
  void check() {
    long now = System.nanoTime();
    for (AgentLink l : agents) {
      if (l.running() && now - l.lastHeardNs > LOST_AFTER_NS) {
        lose(l, "no heartbeat for " + TimeUnit.NANOSECONDS.toSeconds(LOST_AFTER_NS) + " s", false);
      }
    }
    long planned = lastStatus.getLong("plannedNs", Long.MAX_VALUE);
    if (planned != Long.MAX_VALUE && finalDeadlineNs == Long.MAX_VALUE) {
      finalDeadlineNs = startNs + planned + gracefulStopNs + 2 * FINAL_WAIT_NS;
    }
    if (now > finalDeadlineNs) {
      for (AgentLink l : agents) {
        if (l.running()) {
          lose(l, "no final report in time", false);
        }
      }
    }
    advance();
  }

  /** A member left the cluster: if it was a running agent, it is lost. */
  void memberLeft(String nodeId) {
    AgentLink l = link(nodeId);
    if (l != null && l.running()) {
      lose(l, "left the cluster", true);
      advance();
    }
  }

  /** Ends the test for {@code reason}: every agent stops (at once with {@code now}). */
  void stop(String reason, boolean now) {
    if (endReason == null) {
      endReason = reason;
    }
    for (AgentLink l : agents) {
      if (l.running()) {
        send(l, Wire.stop(reason, now, testId));
      }
    }
    long deadline = System.nanoTime() + (now ? 0 : gracefulStopNs) + FINAL_WAIT_NS;
    finalDeadlineNs = Math.min(finalDeadlineNs, deadline);
  }

  /** What the test measured, once {@link #ended}: the merged totals and each agent's part. */
  RunOutcome outcome() {
    long durationNs = 0;
    int eventLoops = 0;
    List<LostAgent> lost = new ArrayList<>();
    for (AgentLink l : agents) {
      eventLoops += l.eventLoops;
      if (l.lost != null) {
        lost.add(l.lost);
      }
      if (l.done != null) {
        durationNs = Math.max(durationNs, l.done.getLong("durationNs"));
      }
    }
    if (durationNs == 0) {
      durationNs = Math.max(0, System.nanoTime() - startNs);
    }
    long warmupNs = request.scenario().load().limits().warmup().toNanos();
    String reason = endReason != null ? endReason : agentsEndReason();
    return new RunOutcome(
        pipeline.accumulator(),
        reason != null ? reason : "agentsLost",
        startedAt,
        durationNs,
        Math.max(0, durationNs - warmupNs),
        stageBoundariesNs(),
        eventLoops,
        errorSamples(),
        pipeline.abortedBy(),
        pipeline.sweepResult(durationNs),
        Arrays.stream(agents).map(AgentLink::healthReport).toList(),
        lost,
        // Each agent chose its own transport; the merged generator has none of its own.
        null);
  }

  /** The run's stage ends, as the agents reported them (the same on every agent). */
  private long[] stageBoundariesNs() {
    for (AgentLink l : agents) {
      JsonArray b = l.done == null ? null : l.done.getJsonArray("stageBoundariesNs");
      if (b != null && !b.isEmpty()) {
        return b.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
      }
    }
    return new long[0];
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
      send(l, Wire.stop("lost", true, testId)); // silent but perhaps alive: its load must stop
    }
    request.log().accept(lostLine(l.lost));
    if (endReason == null && Arrays.stream(agents).allMatch(a -> a.state == AgentLink.State.LOST)) {
      endReason = "agentsLost";
    }
  }

  private LostAgent lostRecord(AgentLink l, String reason) {
    double atSeconds = Summary.round((System.nanoTime() - startNs) / 1e9);
    Map<String, Object> share =
        ResultsFactory.describeLoad(
            PlanSplitter.slice(request.scenario(), l.index, agents.length).load());
    return new LostAgent(l.name, atSeconds, reason, share);
  }

  private static String lostLine(LostAgent lost) {
    return String.format(
        Locale.ROOT,
        "agent %s lost at %.1f s (%s): its share %s is missing from then on;"
            + " the results will be partial",
        lost.agent(),
        lost.atSeconds(),
        lost.reason(),
        lost.share());
  }

  private void forward(AgentLink link, JsonArray messages) {
    if (messages == null) {
      return;
    }
    MessageLog log = request.config().messageLog();
    for (Object o : messages) {
      log.onMessage(
          OutcomeCodec.decode((JsonArray) o, startNs, link.index, agents.length), startNs);
    }
  }

  /** Merges what is ready and publishes it; once every agent has ended, the rest too. */
  private void advance() {
    if (ended()) {
      return;
    }
    long now = System.nanoTime();
    for (IntervalSnapshot s :
        merger.poll(i -> now > startNs + (i + 1L) * intervalNs + MERGE_GRACE_NS)) {
      publish(s);
    }
    if (!Arrays.stream(agents).allMatch(AgentLink::ended)) {
      return;
    }
    if (allEndedNs < 0) {
      allEndedNs = now;
    }
    // A final report can overtake the agent's last intervals: give those a moment to arrive.
    boolean allReceived =
        Arrays.stream(agents)
            .allMatch(l -> l.done == null || l.intervalsReceived >= l.done.getInteger("intervals"));
    if (allReceived || now - allEndedNs > MERGE_GRACE_NS) {
      for (IntervalSnapshot s : merger.flush()) {
        publish(s);
      }
      merger = null;
    }
  }

  private void publish(IntervalSnapshot s) {
    String reason = pipeline.accept(s, endReason != null);
    if (reason != null) {
      stop(reason, false);
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
            s.endNs() - startNs < request.scenario().load().limits().warmup().toNanos(),
            healthy(),
            agents.length));
  }

  /** Agents reporting in time (or done) whose latest interval showed no overload. */
  private int healthy() {
    long now = System.nanoTime();
    int n = 0;
    for (AgentLink l : agents) {
      boolean heard =
          l.state == AgentLink.State.DONE
              || now - l.lastHeardNs < TimeUnit.MILLISECONDS.toNanos(2 * Wire.HEARTBEAT_MS);
      if (l.lost == null && heard && l.health.healthyNow()) {
        n++;
      }
    }
    return n;
  }

  private void send(AgentLink l, JsonObject message) {
    try {
      node.bus().send(Wire.agent(l.nodeId), message);
    } catch (IllegalStateException closed) {
      // Leaving the cluster already: the agent sees this coordinator leave and stops.
    }
  }

  private AgentLink link(String nodeId) {
    for (AgentLink l : agents) {
      if (l.nodeId.equals(nodeId)) {
        return l;
      }
    }
    return null;
  }

  /** The agents' own end reason, for when the coordinator had none. */
  private String agentsEndReason() {
    for (AgentLink l : agents) {
      // An agent stopped on its own machine does not say why the test ended.
      if (l.done != null && l.lost == null) {
        return l.done.getString("endReason");
      }
    }
    return null;
  }

  private List<ErrorSample> errorSamples() {
    List<ErrorSample> out = new ArrayList<>();
    for (AgentLink l : agents) {
      if (l.done != null) {
        for (Object o : l.done.getJsonArray("errorSamples")) {
          out.add(OutcomeCodec.decodeSample((JsonObject) o));
        }
      }
    }
    return out;
  }
}
