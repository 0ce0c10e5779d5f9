package dev.streamstorm.metrics.threshold;

import java.util.Locale;
import java.util.stream.Collectors;

/** Reads the aggregate of a comparison: {@code p95}, {@code p(99.9)}, {@code mean}, ... */
final class AggregateReader {

  private AggregateReader() {}

  static Aggregate read(Cursor c) {
    int start = c.pos();
    if (c.startsWith("p(")) {
      c.advance(2);
      c.skipSpaces();
      double p = percentile(c, start);
      c.skipSpaces();
      if (!c.consume(')')) {
        throw c.error("expected ')' to close 'p('");
      }
      return Aggregate.percentile(p);
    }
    if (c.peekIs('p') && c.text().length() > start + 1 && isDigit(c.text().charAt(start + 1))) {
      c.advance(1);
      double p = percentile(c, start);
      if (c.peekIsNameChar()) {
        throw c.errorAt(start, ThresholdParser.AGGREGATE_EXPECTED);
      }
      return Aggregate.percentile(p);
    }
    String word = c.identifier().toLowerCase(Locale.ROOT);
    Aggregate.Kind kind =
        switch (word) {
          case "min" -> Aggregate.Kind.MIN;
          case "max" -> Aggregate.Kind.MAX;
          case "mean", "avg" -> Aggregate.Kind.MEAN;
          case "count" -> Aggregate.Kind.COUNT;
          case "rate" -> Aggregate.Kind.RATE;
          case "ratio" -> Aggregate.Kind.RATIO;
          default -> null;
        };
    if (kind == null) {
      throw c.errorAt(start, ThresholdParser.AGGREGATE_EXPECTED);
    }
    return Aggregate.of(kind);
  }

  private static double percentile(Cursor c, int start) {
    String number = c.number();
    if (number.isEmpty()) {
      throw c.error("expected a percentile such as 95 or 99.9");
    }
    double p = Double.parseDouble(number);
    if (!(p > 0 && p <= 100)) {
      throw c.errorAt(start, "a percentile is above 0 and at most 100, got " + number);
    }
    return p;
  }

  /** The aggregates that apply to a kind of metric, for messages. */
  static String describe(MetricKind kind) {
    return kind.aggregates().stream()
        .map(
            k ->
                k == Aggregate.Kind.PERCENTILE
                    ? "a percentile (p95)"
                    : k.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  private static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }
}
