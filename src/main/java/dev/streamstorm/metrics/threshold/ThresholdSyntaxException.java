package dev.streamstorm.metrics.threshold;

/**
 * A malformed threshold: says what was expected and where. {@link #offset()} is a 0-based index
 * into the string that was parsed: the metric key or the expression for {@link
 * ThresholdParser#parse}, the whole flag for {@link ThresholdParser#parseFlag}. {@link #part()}
 * tells which string that was, so a caller can turn the offset into a file position.
 */
public final class ThresholdSyntaxException extends RuntimeException {

  /** Which of the parsed strings the offset points into. */
  public enum Part {
    /** The metric and its tags, e.g. {@code ttft{conversation:x}}. */
    METRIC,
    /** The comparison, e.g. {@code p95 < 2s}. */
    EXPRESSION,
    /** The command-line form that holds both. */
    FLAG
  }

  private final String reason;
  private final Part part;
  private final int offset;

  ThresholdSyntaxException(String reason, Part part, int offset) {
    super(reason + " at column " + (offset + 1));
    this.reason = reason;
    this.part = part;
    this.offset = offset;
  }

  /** What was expected, without the position. */
  public String reason() {
    return reason;
  }

  public Part part() {
    return part;
  }

  public int offset() {
    return offset;
  }
}
