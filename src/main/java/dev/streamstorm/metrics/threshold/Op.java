package dev.streamstorm.metrics.threshold;

/** A comparison between a measured value (left) and a threshold's limit (right). */
public enum Op {
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">="),
  EQ("=="),
  NE("!=");

  private final String symbol;

  Op(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in expressions. */
  public String symbol() {
    return symbol;
  }

  /** True when {@code measured <op> limit} holds. */
  public boolean test(double measured, double limit) {
    return switch (this) {
      case LT -> measured < limit;
      case LE -> measured <= limit;
      case GT -> measured > limit;
      case GE -> measured >= limit;
      case EQ -> measured == limit;
      case NE -> measured != limit;
    };
  }
}
