package dev.streamstorm.metrics.threshold;

import java.util.Locale;

/**
 * Reads the limit of a comparison (a number and its unit) and normalises it: milliseconds for
 * times, a fraction for error rates and goodput ratio, per second for message and goodput rates.
 */
final class LimitReader {

  private LimitReader() {}

  static double read(Cursor c, String metric, MetricKind kind, Aggregate aggregate) {
    int numberAt = c.pos();
    String number = c.number();
    if (number.isEmpty()) {
      throw c.error("expected a number" + example(kind, aggregate));
    }
    double value = Double.parseDouble(number);
    int unitAt = c.pos();
    String unit = unit(c);
    Aggregate.Kind agg = aggregate.kind();
    if (agg == Aggregate.Kind.COUNT) {
      return plain(c, unitAt, unit, value, "a count is a plain number");
    }
    return switch (kind) {
      case TIME -> millis(c, unitAt, unit, value);
      case VALUE ->
          plain(
              c,
              unitAt,
              unit,
              value,
              "'" + metric + "' is a plain number (time metrics are " + timeMetrics() + ")");
      case ERROR -> fraction(c, numberAt, unitAt, unit, value);
      case MESSAGES -> perSecond(c, unitAt, unit, value);
      case GOODPUT ->
          agg == Aggregate.Kind.RATIO
              ? fraction(c, numberAt, unitAt, unit, value)
              : perSecond(c, unitAt, unit, value);
    };
  }

  /** A unit right after the number: letters, {@code %}, or {@code /} and letters. */
  private static String unit(Cursor c) {
    int start = c.pos();
    if (c.consume('%')) {
      return "%";
    }
    c.consume('/');
    while (!c.atEnd() && (Character.isLetter(c.peek()) || c.peek() == 'µ')) {
      c.advance(1);
    }
    return c.text().substring(start, c.pos());
  }

  private static double millis(Cursor c, int unitAt, String unit, double value) {
    return switch (unit) {
      case "", "ms" -> value;
      case "us", "µs" -> value / 1_000.0;
      case "s" -> value * 1_000.0;
      case "m" -> value * 60_000.0;
      default ->
          throw c.errorAt(
              unitAt,
              "expected a time unit (us, ms, s, m) or none for milliseconds, got '" + unit + "'");
    };
  }

  private static double plain(Cursor c, int unitAt, String unit, double value, String why) {
    if (!unit.isEmpty()) {
      throw c.errorAt(unitAt, why + "; remove '" + unit + "'");
    }
    return value;
  }

  private static double fraction(Cursor c, int numberAt, int unitAt, String unit, double value) {
    if (unit.equals("%")) {
      if (value > 100) {
        throw c.errorAt(numberAt, "a percentage is at most 100%, got " + fmt(value) + "%");
      }
      return value / 100.0;
    }
    if (!unit.isEmpty()) {
      throw c.errorAt(
          unitAt, "expected a fraction like 0.01 or a percentage like 1%, got '" + unit + "'");
    }
    if (value > 1) {
      throw c.errorAt(
          numberAt,
          "expected a fraction from 0 to 1 or a percentage like 1%, got "
              + fmt(value)
              + " (did you mean "
              + fmt(value)
              + "%?)");
    }
    return value;
  }

  private static double perSecond(Cursor c, int unitAt, String unit, double value) {
    return switch (unit) {
      case "", "/s" -> value;
      case "/m" -> value / 60.0;
      case "/h" -> value / 3600.0;
      default ->
          throw c.errorAt(
              unitAt, "expected a rate per second like 20 or 20/s (or 1200/m), got '" + unit + "'");
    };
  }

  private static String example(MetricKind kind, Aggregate aggregate) {
    if (aggregate.kind() == Aggregate.Kind.COUNT) {
      return " like 0 or 10";
    }
    return switch (kind) {
      case TIME -> " with a time unit like 2s, 500ms or 150 (ms)";
      case VALUE -> " like 3 or 2.5";
      case ERROR -> " like 1% or 0.01";
      case MESSAGES -> " like 20/s";
      case GOODPUT -> aggregate.kind() == Aggregate.Kind.RATIO ? " like 95% or 0.95" : " like 20/s";
    };
  }

  private static String timeMetrics() {
    return String.join(", ", new java.util.TreeSet<>(MetricKind.TIME_METRICS));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
  }
}
