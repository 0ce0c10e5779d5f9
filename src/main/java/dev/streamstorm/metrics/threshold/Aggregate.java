package dev.streamstorm.metrics.threshold;

import java.math.BigDecimal;

/**
 * What a threshold reads from a metric: a percentile or one summary statistic.
 *
 * @param kind which statistic
 * @param percentile for {@link Kind#PERCENTILE}, the percentile in (0, 100] (99.9 for p99.9); 0 for
 *     every other kind
 */
public record Aggregate(Kind kind, double percentile) {

  public enum Kind {
    PERCENTILE,
    MIN,
    MAX,
    MEAN,
    COUNT,
    /** Errors: a fraction of messages. Messages and goodput: per second. */
    RATE,
    /** Goodput: the fraction of messages that were good. */
    RATIO
  }

  public Aggregate {
    if (kind == Kind.PERCENTILE && !(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile outside (0, 100]: " + percentile);
    }
    if (kind != Kind.PERCENTILE && percentile != 0) {
      throw new IllegalArgumentException(kind + " takes no percentile");
    }
  }

  public static Aggregate percentile(double percentile) {
    return new Aggregate(Kind.PERCENTILE, percentile);
  }

  public static Aggregate of(Kind kind) {
    return new Aggregate(kind, 0);
  }

  /** The aggregate as written in expressions: {@code p95}, {@code p99.9}, {@code mean}, ... */
  public String label() {
    if (kind == Kind.PERCENTILE) {
      return "p" + BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
    }
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
