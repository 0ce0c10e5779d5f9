package dev.streamstorm.cluster;

import io.vertx.core.AsyncResult;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Finds the agents of one test: listens to the agents' announcements, offers each empty place to an
 * idle agent heard from, and asks it to prepare its share. A busy or silent agent's place goes to
 * the next one; a refusal (another streamstorm version, a scenario it cannot load) ends the
 * recruitment. Confined to the coordinator's thread.
 */
final class Recruitment {
  private static final long PREPARE_TIMEOUT_MS = 150_000;

  /** What the coordinator hears from the recruitment. */
  interface Outcome {
    /** Every place is taken by an agent ready to start. */
    void allReady(AgentLink[] agents);

    /** An agent refused the test: nothing will run. */
    void refused(ClusterException why);
  }

  private final ClusterNode node;
  private final AgentLink[] slots;
  private final IntFunction<TestPlan> plans;
  private final Consumer<String> log;
  private final Consumer<Runnable> onThread;
  private final Outcome outcome;
  private final Map<String, JsonObject> candidates = new LinkedHashMap<>();
  private boolean over;

  /**
   * @param plans the plan of each place
   * @param onThread runs a task on the coordinator's thread (replies arrive on event loops)
   */
  Recruitment(
      ClusterNode node,
      int agents,
      IntFunction<TestPlan> plans,
      Consumer<String> log,
      Consumer<Runnable> onThread,
      Outcome outcome) {
    this.node = node;
    this.slots = new AgentLink[agents];
    this.plans = plans;
    this.log = log;
    this.onThread = onThread;
    this.outcome = outcome;
  }

  /** An agent's announcement. */
  void onHello(JsonObject hello) {
    if (over || !Wire.HELLO.equals(hello.getString("type"))) {
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

  /** A member left the cluster: if it had a place, the place is free again. */
  void memberLeft(String nodeId) {
    candidates.remove(nodeId);
    AgentLink l = link(nodeId);
    if (l != null && !over) {
      log.accept("agent " + l.name + " left the cluster before the start");
      slots[l.index] = null;
      fillSlots();
    }
  }

  /** Stops recruiting; agents that were asked are told to drop the test. */
  void cancel() {
    over = true;
    for (AgentLink l : slots) {
      if (l != null) {
        send(l, Wire.stop("cancelled", true, l.testId));
      }
    }
  }

  /** Why the recruitment gave up at the timeout, for the user. */
  String shortfall(long timeoutSeconds, String clusterHost) {
    List<String> ready = new ArrayList<>();
    for (AgentLink l : slots) {
      if (l != null && l.state == AgentLink.State.READY) {
        ready.add(l.name);
      }
    }
    return "only "
        + ready.size()
        + " of "
        + slots.length
        + " agents were ready within "
        + timeoutSeconds
        + "s"
        + (ready.isEmpty() ? "" : " (" + String.join(", ", ready) + ")")
        + "; start more with: streamstorm agent --cluster-host IP --join "
        + clusterHost
        + " (this coordinator is cluster member "
        + node.memberAddress()
        + ")"
        + silentMembers();
  }

  /** Members that joined but never offered to run point at the event bus, not at Hazelcast. */
  private String silentMembers() {
    long asked = Arrays.stream(slots).filter(Objects::nonNull).count();
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

  private void fillSlots() {
    for (int i = 0; i < slots.length && !candidates.isEmpty(); i++) {
      if (slots[i] != null) {
        continue;
      }
      var first = candidates.entrySet().iterator().next();
      candidates.remove(first.getKey());
      TestPlan plan = plans.apply(i);
      AgentLink link = new AgentLink(i, plan.testId(), first.getValue());
      slots[i] = link;
      node.bus()
          .<JsonObject>request(
              Wire.agent(link.nodeId),
              plan.toJson(),
              new DeliveryOptions().setSendTimeout(PREPARE_TIMEOUT_MS))
          .onComplete(ar -> onThread.accept(() -> prepared(link, ar)));
    }
  }

  private void prepared(AgentLink link, AsyncResult<Message<JsonObject>> ar) {
    if (over || slots[link.index] != link) {
      // Its place was given away or the recruitment is over: a prepared share must not linger.
      if (ar.succeeded() && Wire.READY.equals(ar.result().body().getString("type"))) {
        send(link, Wire.stop("cancelled", true, link.testId));
      }
      return;
    }
    if (ar.failed()) {
      log.accept("agent " + link.name + " did not answer (" + ar.cause().getMessage() + ")");
      slots[link.index] = null;
      fillSlots();
      return;
    }
    JsonObject reply = ar.result().body();
    switch (reply.getString("type", "")) {
      case Wire.READY -> ready(link, reply.getInteger("eventLoops", link.eventLoops));
      case Wire.REFUSED -> {
        String why =
            "agent "
                + link.name
                + " ("
                + link.host
                + ") refused the test: "
                + reply.getString("error");
        log.accept(why);
        over = true;
        outcome.refused(new ClusterException(why));
      }
      default -> {
        slots[link.index] = null; // busy with another coordinator's test
        fillSlots();
      }
    }
  }

  private void ready(AgentLink link, int eventLoops) {
    link.state = AgentLink.State.READY;
    link.eventLoops = eventLoops;
    long ready =
        Arrays.stream(slots).filter(s -> s != null && s.state == AgentLink.State.READY).count();
    log.accept(
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
      over = true;
      outcome.allReady(slots.clone());
    }
  }

  private void send(AgentLink l, JsonObject message) {
    try {
      node.bus().send(Wire.agent(l.nodeId), message);
    } catch (IllegalStateException closed) {
      // Leaving the cluster already: the agent sees this coordinator leave and drops the test.
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
}
