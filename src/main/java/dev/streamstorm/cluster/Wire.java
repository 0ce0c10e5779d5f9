package dev.streamstorm.cluster;

/**
 * The event-bus addresses and message types of a distributed run. Every message is a JSON object
 * with a {@code type}.
 *
 * <ul>
 *   <li>{@link #ANNOUNCE}, published by every agent each {@link #HEARTBEAT_MS} ms: {@code hello}
 *       (id, name, host, version, cores, busy).
 *   <li>{@link #agent}, one per agent, from the coordinator: {@code prepare} (a {@link TestPlan};
 *       the reply is {@code ready}, {@code busy} or {@code refused}), {@code start} (the agreed
 *       instant), {@code stop} (a reason; {@code now} cuts messages in flight).
 *   <li>{@link #test}, one per test, from the agents: {@code interval} (a snapshot, the run's
 *       status, and finished messages when asked), {@code heartbeat}, {@code done} (how many
 *       intervals were sent, the end reason, durations, error samples), {@code failed}.
 * </ul>
 */
final class Wire {
  static final String ANNOUNCE = "streamstorm.agents";
  static final long HEARTBEAT_MS = 1_000;

  static final String HELLO = "hello";
  static final String PREPARE = "prepare";
  static final String READY = "ready";
  static final String BUSY = "busy";
  static final String REFUSED = "refused";
  static final String START = "start";
  static final String STOP = "stop";
  static final String INTERVAL = "interval";
  static final String HEARTBEAT = "heartbeat";
  static final String DONE = "done";
  static final String FAILED = "failed";

  private Wire() {}

  static String agent(String nodeId) {
    return "streamstorm.agent." + nodeId;
  }

  static String test(String testId) {
    return "streamstorm.test." + testId;
  }

  /** Tells an agent to stop test {@code testId}; {@code now} cuts messages in flight. */
  static io.vertx.core.json.JsonObject stop(String reason, boolean now, String testId) {
    return new io.vertx.core.json.JsonObject()
        .put("type", STOP)
        .put("test", testId)
        .put("reason", reason)
        .put("now", now);
  }
}
