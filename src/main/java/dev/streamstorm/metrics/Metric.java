package dev.streamstorm.metrics;

/**
 * The histogram metrics recorded per message. Time metrics are recorded in microseconds and
 * reported in milliseconds; count metrics are recorded and reported as they are.
 */
public enum Metric {
  /** Message start to response headers (SSE) or first frame of any kind (WebSocket). */
  TTFB("ttfb", true),
  /** Message start to the first answer (visible text) token. */
  TTFT("ttft", true),
  /** Message start to the first reasoning token. */
  TTFR("ttfr", true),
  /** Message start to the first tool-call event (a tool call starts). */
  TTFC("ttfc", true),
  /** Gap between consecutive content tokens, one sample per gap. */
  ITL("itl", true),
  /** (e2e - ttft) / (tokens - 1), for messages with at least two tokens. */
  TPOT("tpot", true),
  /** Message start to end of message. */
  E2E("e2e", true),
  /** Actual send to first content token (equals ttft unless the send was late). */
  TTFT_SERVICE("ttft_service", true),
  /** Actual send to end of message. */
  E2E_SERVICE("e2e_service", true),
  /** How late a message was sent after its intended start (open model; retries' waiting). */
  SEND_DELAY("send_delay", true),
  /** A user's session set-up call, when the scenario has one. */
  SESSION("session", true),
  /** Opening a connection, when a message had to. */
  CONNECT("connect", true),
  /** Think time actually waited before a turn (excluded from every latency). */
  THINK_TIME("think_time", true),
  /** Waiting between attempts of a retried message (part of its e2e, not of its service time). */
  RETRY_WAIT("retry_wait", true),
  /**
   * Waiting between messages for the previous response to end after its done marker (at most 100
   * ms; then the next message takes another connection): excluded from every latency.
   */
  RESPONSE_TAIL("response_tail", true),
  /** How long a task posted to an event loop waited to run: the generator's own delay. */
  GENERATOR_LAG("generator_lag", true),
  /**
   * A stop-the-world pause of the generator's JVM for garbage collection, one sample per pause: no
   * event loop runs during one, so tokens arriving in it are stamped late by up to its length.
   */
  GENERATOR_GC("generator_gc", true),
  /**
   * The generator process's CPU per interval, in percent of all cores (one sample per interval).
   */
  GENERATOR_CPU("generator_cpu", false),
  /** The busiest event-loop thread's CPU per interval, in percent of one core. */
  GENERATOR_LOOP_CPU("generator_loop_cpu", false),
  /** Answer tokens per message (server usage, else a tokenizer or chunks: see CountSource). */
  TOKENS("tokens", false),
  /** Reasoning tokens per message, for messages that reasoned. */
  REASONING_TOKENS("reasoning_tokens", false),
  /** Tool calls started per message, for messages that called tools. */
  TOOL_CALLS("tool_calls", false),
  /** Input tokens per request (server usage, else the tokenizer over the prompt sent). */
  INPUT_TOKENS("input_tokens", false),
  /** Answer chunks per message. */
  CHUNKS("chunks", false);

  private final String id;
  private final boolean time;

  Metric(String id, boolean time) {
    this.id = id;
    this.time = time;
  }

  public String id() {
    return id;
  }

  /** True for durations (recorded in µs, shown in ms). */
  public boolean isTime() {
    return time;
  }

  /**
   * True when a run that recorded no sample measured 0, not nothing: a generator that never paused
   * for a collection. Every other metric without samples has no evidence, which thresholds fail.
   */
  public boolean absentMeansZero() {
    return this == GENERATOR_GC;
  }

  public static Metric byId(String id) {
    for (Metric m : values()) {
      if (m.id.equals(id)) {
        return m;
      }
    }
    return null;
  }
}
