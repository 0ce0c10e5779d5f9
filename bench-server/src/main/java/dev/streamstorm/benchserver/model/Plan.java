package dev.streamstorm.benchserver.model;

import java.util.List;

/**
 * The timeline of one response, fixed before the first byte: events with due offsets from the
 * moment generation starts (acceptance, or the grant of a capacity slot after a wait). Offsets are
 * absolute from that start, never chained from the previous send, so late sends do not drift.
 *
 * <p>A message's phases, in this order, each optional: reasoning tokens, model tool calls (each a
 * start and {@link PlanLimits#ARG_CHUNKS} argument deltas), the agent's tool call and result, the
 * answer tokens; then the end (or the fault that replaces it).
 */
public final class Plan {

  /** Event kinds. */
  public static final byte TOOL_CALL = 1;

  public static final byte TOOL_RESULT = 2;
  public static final byte TOKEN = 3;
  public static final byte MALFORMED = 4;
  public static final byte DROP = 5;
  public static final byte END = 6;

  /** A reasoning token; {@link #word} is its vocabulary index. */
  public static final byte REASONING = 7;

  /** A model tool call starts; {@link #toolCall} is its index in {@link #llmToolCalls}. */
  public static final byte CALL_START = 8;

  /** A piece of a tool call's arguments; {@link #toolCall} and {@link #argumentChunk} say which. */
  public static final byte CALL_ARGS = 9;

  /** The error_event or failed fault: an error event ends the stream. */
  public static final byte ERROR = 10;

  private final long[] dueOffsetNanos;
  private final byte[] kinds;
  private final int[] words;
  private final int completionTokens;
  private final int reasoningTokens;
  private final boolean truncated;
  private final Fault fault;
  private final ToolCall toolCall;
  private final List<LlmToolCall> llmToolCalls;
  private final Phases phases;
  private final long slowHeadersNanos;

  Plan(
      long[] dueOffsetNanos,
      byte[] kinds,
      int[] words,
      int completionTokens,
      int reasoningTokens,
      boolean truncated,
      Fault fault,
      ToolCall toolCall,
      List<LlmToolCall> llmToolCalls,
      Phases phases,
      long slowHeadersNanos) {
    this.dueOffsetNanos = dueOffsetNanos;
    this.kinds = kinds;
    this.words = words;
    this.completionTokens = completionTokens;
    this.reasoningTokens = reasoningTokens;
    this.truncated = truncated;
    this.fault = fault;
    this.toolCall = toolCall;
    this.llmToolCalls = llmToolCalls;
    this.phases = phases;
    this.slowHeadersNanos = slowHeadersNanos;
  }

  public int eventCount() {
    return kinds.length;
  }

  public long dueOffsetNanos(int event) {
    return dueOffsetNanos[event];
  }

  public byte kind(int event) {
    return kinds[event];
  }

  /** The vocabulary index of a TOKEN or REASONING event. */
  public int word(int event) {
    return words[event];
  }

  /** The tool call index of a CALL_START or CALL_ARGS event. */
  public int toolCall(int event) {
    return words[event] >>> 8;
  }

  /** The argument chunk index of a CALL_ARGS event. */
  public int argumentChunk(int event) {
    return words[event] & 0xFF;
  }

  static int packCall(int call, int chunk) {
    return call << 8 | chunk;
  }

  /** Answer tokens of the complete answer (what usage reports as the answer), drop or not. */
  public int completionTokens() {
    return completionTokens;
  }

  /** Reasoning tokens of the complete message. */
  public int reasoningTokens() {
    return reasoningTokens;
  }

  /** Answer and reasoning tokens: what usage reports as the output (tool arguments are not). */
  public int outputTokens() {
    return completionTokens + reasoningTokens;
  }

  /** True when max_tokens cut the answer short (finish_reason "length"). */
  public boolean truncated() {
    return truncated;
  }

  public Fault fault() {
    return fault;
  }

  /** The tool call of an agent message that asked for a lookup, else null. */
  public ToolCall toolCall() {
    return toolCall;
  }

  /** The model's tool calls, in order (empty on endpoints without them). */
  public List<LlmToolCall> llmToolCalls() {
    return llmToolCalls;
  }

  public int llmCalls() {
    return toolCall == null ? 1 : 2;
  }

  /** Tool calls started: the agent's lookup and the model's calls. */
  public int toolCalls() {
    return (toolCall == null ? 0 : 1) + llmToolCalls.size();
  }

  public Phases phases() {
    return phases;
  }

  /** How long the response headers are held back (the slow_headers fault), else 0. */
  public long slowHeadersNanos() {
    return slowHeadersNanos;
  }

  /** The full answer text: the planned answer tokens concatenated. */
  public String text() {
    return concat(TOKEN, completionTokens);
  }

  /** The full reasoning text. */
  public String reasoningText() {
    return concat(REASONING, reasoningTokens);
  }

  private String concat(byte kind, int expected) {
    StringBuilder sb = new StringBuilder(expected * 8);
    for (int e = 0; e < kinds.length; e++) {
      if (kinds[e] == kind) {
        sb.append(Vocabulary.text(words[e]));
      }
    }
    return sb.toString();
  }
}
