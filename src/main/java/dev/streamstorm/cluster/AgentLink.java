package dev.streamstorm.cluster;

import dev.streamstorm.metrics.results.AgentHealth;
import dev.streamstorm.metrics.results.LostAgent;
import io.vertx.core.json.JsonObject;

/**
 * The coordinator's view of one agent taking part in a test. Confined to the coordinator's thread.
 */
final class AgentLink {
  enum State {
    PREPARING,
    READY,
    RUNNING,
    DONE,
    LOST
  }

  final int index;
  final String testId;
  final String nodeId;
  final String name;
  final String host;
  State state = State.PREPARING;
  int eventLoops;
  long lastHeardNs;
  int intervalsReceived;
  JsonObject done;
  LostAgent lost;
  final AgentHealthTracker health = new AgentHealthTracker();

  AgentLink(int index, String testId, JsonObject hello) {
    this.index = index;
    this.testId = testId;
    this.nodeId = hello.getString("agent");
    this.name = hello.getString("name");
    this.host = hello.getString("host");
    this.eventLoops = hello.getInteger("eventLoops", 0);
  }

  boolean running() {
    return state == State.RUNNING;
  }

  boolean ended() {
    return state == State.DONE || state == State.LOST;
  }

  AgentHealth healthReport() {
    return health.health(name, host, eventLoops, state == State.LOST);
  }
}
