package dev.streamstorm.benchserver.model;

/**
 * The timeline of one response, fixed before the first byte: events with due offsets from the
 * moment generation starts (acceptance, or the grant of a capacity slot after a wait). Offsets are
 * absolute from that start, never chained from the previous send, so late sends do not drift.
 */
public final class Plan {

  /** Event kinds. */
  public static final byte TOOL_CALL = 1;

  public static final byte TOOL_RESULT = 2;
  public static final byte TOKEN = 3;
  public static final byte MALFORMED = 4;
  public static final byte DROP = 5;
  public static final byte END = 6;

  private final long[] dueOffsetNanos;
  private final byte[] kinds;
  private final int[] words;
  private final int completionTokens;
  private final boolean truncated;
  private final Fault fault;
  private final ToolCall toolCall;
  private final Phases phases;
  private final long slowHeadersNanos;

  Plan(
      long[] dueOffsetNanos,
      byte[] kinds,
      int[] words,
      int completionTokens,
      boolean truncated,
      Fault fault,
      ToolCall toolCall,
      Phases phases,
      long slowHeadersNanos) {
    this.dueOffsetNanos = dueOffsetNanos;
    this.kinds = kinds;
    this.words = words;
    this.completionTokens = completionTokens;
    this.truncated = truncated;
    this.fault = fault;
    this.toolCall = toolCall;
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

  /** The vocabulary index of a TOKEN event. */
  public int word(int event) {
    return words[event];
  }

  /** Output tokens of the complete answer (what usage reports), drop or not. */
  public int completionTokens() {
    return completionTokens;
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

  public int llmCalls() {
    return toolCall == null ? 1 : 2;
  }

  public int toolCalls() {
    return toolCall == null ? 0 : 1;
  }

  public Phases phases() {
    return phases;
  }

  /** How long the response headers are held back (the slow_headers fault), else 0. */
  public long slowHeadersNanos() {
    return slowHeadersNanos;
  }

  /** The full answer text: the planned tokens concatenated. */
  public String text() {
    StringBuilder sb = new StringBuilder(completionTokens * 8);
    for (int e = 0; e < kinds.length; e++) {
      if (kinds[e] == TOKEN) {
        sb.append(Vocabulary.text(words[e]));
      }
    }
    return sb.toString();
  }
}
