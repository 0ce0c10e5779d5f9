package dev.streamstorm.bench;

import dev.streamstorm.engine.SocketBudget;
import dev.streamstorm.scenario.ConnectionSpec;
import java.net.URI;
import java.util.Locale;

/**
 * One load shape against bench-server: how many concurrent streams, over which protocol, with what
 * server timing (asked per request, so any bench-server serves it), opened over a ramp. Every
 * stream sends its next message as soon as the previous one ends, on the same connection.
 *
 * @param protocol SSE (OpenAI chat chunks) over HTTP/1.1 or over h2c, or WebSocket (JSON frames)
 * @param streams concurrent streams
 * @param ttftMs server time to first token
 * @param itlMs server gap between tokens
 * @param tokens tokens per message
 */
public record Workload(Protocol protocol, int streams, int ttftMs, int itlMs, int tokens) {

  /** The wire formats the benchmark drives. */
  public enum Protocol {
    SSE("sse"),
    WEBSOCKET("websocket"),
    /** SSE over cleartext HTTP/2 (prior knowledge), many streams on each connection. */
    H2C("h2c");

    private final String id;

    Protocol(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /**
     * Sockets {@code streams} streams hold on {@code eventLoops} loops: one each, but over h2c a
     * loop's streams share connections, {@link ConnectionSpec#DEFAULT_STREAMS_PER_CONNECTION} each
     * (streamstorm's default, and the floor's pool limit).
     */
    public long connections(int streams, int eventLoops) {
      return this == H2C
          ? SocketBudget.sharedConnections(
              streams, eventLoops, ConnectionSpec.DEFAULT_STREAMS_PER_CONNECTION)
          : streams;
    }
  }

  /** What each message asks: the same text for the generator and the floor client. */
  static final String MESSAGE = "Say something";

  /** Streams are opened at this rate, at most (connections per second). */
  static final int OPEN_PER_SECOND = 1_000;

  /** Time to open every stream: at least 2 s, so that streams do not march in step. */
  public double rampSeconds() {
    return Math.max(2.0, (double) streams / OPEN_PER_SECOND);
  }

  /** Length of one message as the server plans it. */
  public double messageSeconds() {
    return (ttftMs + (tokens - 1) * (double) itlMs) / 1000.0;
  }

  /** Token events per second once every stream is open (each stream's messages back to back). */
  public double plannedEventsPerSecond() {
    return streams * tokens / messageSeconds();
  }

  /** The OpenAI chat path with bench-server's per-request timing overrides. */
  String ssePath() {
    return String.format(
        Locale.ROOT, "/v1/chat/completions?ttft_ms=%d&itl_ms=%d&tokens=%d", ttftMs, itlMs, tokens);
  }

  /** The chat request body (the same bytes the openai-chat preset sends with this message). */
  static String sseBody() {
    return "{\"model\":\"bench\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\""
        + MESSAGE
        + "\"}]}";
  }

  /** A WebSocket message frame with the timing overrides and {@code requestId}. */
  String wsFrame(String requestId) {
    return String.format(
        Locale.ROOT,
        "{\"type\":\"message\",\"content\":\"%s\",\"ttft_ms\":%d,\"itl_ms\":%d,\"tokens\":%d,"
            + "\"request_id\":\"%s\"}",
        MESSAGE,
        ttftMs,
        itlMs,
        tokens,
        requestId);
  }

  /**
   * The scenario streamstorm runs for this workload: a closed model ramped to {@code streams}
   * users, each message named {@code PREFIX-vu-iteration-turn} (header X-Request-Id, or the
   * WebSocket frame's request_id) so it can be matched with the server's record.
   *
   * @param warmupSeconds discarded start (ramp included)
   * @param durationSeconds planned length; the harness usually stops it earlier
   */
  String scenarioYaml(URI target, String idPrefix, double warmupSeconds, double durationSeconds) {
    String load =
        String.format(
            Locale.ROOT,
            "  stages: [ { duration: %dms, target: %d }, { duration: %ds, target: %d } ]%n"
                + "  warmup: %dms%n",
            Math.round(rampSeconds() * 1000),
            streams,
            (long) Math.ceil(durationSeconds),
            streams,
            Math.round(warmupSeconds * 1000));
    return scenarioYaml(target, idPrefix, load);
  }

  /**
   * The scenario of a cold start: every user started at once (no ramp, and no warm-up: the first
   * messages count), messages started for {@code seconds}; the rest as {@link #scenarioYaml}.
   */
  String coldScenarioYaml(URI target, String idPrefix, double seconds) {
    return scenarioYaml(
        target,
        idPrefix,
        String.format(
            Locale.ROOT, "  vus: %d%n  duration: %dms%n", streams, Math.round(seconds * 1000)));
  }

  private String scenarioYaml(URI target, String idPrefix, String load) {
    String id = FirstTokenLog.requestIdTemplate(idPrefix);
    StringBuilder y = new StringBuilder();
    y.append("name: bench-").append(protocol.id()).append('-').append(streams).append('\n');
    y.append("target: \"").append(target).append("\"\n");
    if (protocol == Protocol.H2C) {
      y.append("connection: { protocol: h2c }\n");
    } else if (streams > STREAMS_PER_SOURCE_ADDRESS && isLoopback(target)) {
      // One source address has about 28,000 ephemeral ports towards one server port.
      int addresses = (streams + STREAMS_PER_SOURCE_ADDRESS - 1) / STREAMS_PER_SOURCE_ADDRESS;
      y.append("connection: { localAddresses: [127.0.0.1-").append(addresses).append("] }\n");
    }
    if (protocol != Protocol.WEBSOCKET) {
      y.append("preset: openai-chat\n");
      y.append("request:\n");
      y.append("  path: \"").append(ssePath()).append("\"\n");
      y.append("  headers: { X-Request-Id: \"").append(id).append("\" }\n");
      y.append("  body: ").append(sseBody().replace("\"" + MESSAGE + "\"", "\"${message}\""));
      y.append('\n');
    } else {
      y.append("preset: websocket-json\n");
      y.append("websocket:\n");
      y.append("  path: /ws\n");
      y.append("  message: ")
          .append(wsFrame(id).replace("\"" + MESSAGE + "\"", "\"${message}\""))
          .append('\n');
    }
    y.append("load:\n");
    y.append(load);
    y.append("conversations:\n");
    y.append("  - name: bench\n");
    y.append("    turns: [\"").append(MESSAGE).append("\"]\n");
    y.append("timeouts: { connect: 30s, firstToken: 60s, message: 300s }\n");
    y.append("seed: 1\n");
    return y.toString();
  }

  /** Connections a loopback run takes from one source address (of about 28,000 ports). */
  static final int STREAMS_PER_SOURCE_ADDRESS = 20_000;

  private static boolean isLoopback(URI target) {
    String host = target.getHost();
    return host != null && (host.equals("localhost") || host.startsWith("127."));
  }

  /** e.g. "sse 1,000 streams, ttft 100 ms, 50 tokens 20 ms apart". */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s %,d streams, ttft %d ms, %d tokens %d ms apart",
        protocol.id(),
        streams,
        ttftMs,
        tokens,
        itlMs);
  }
}
