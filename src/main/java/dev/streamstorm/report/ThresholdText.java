package dev.streamstorm.report;

import dev.streamstorm.metrics.results.ThresholdResult;
import dev.streamstorm.metrics.threshold.Aggregate;
import dev.streamstorm.metrics.threshold.MetricKind;
import dev.streamstorm.metrics.threshold.Threshold;
import dev.streamstorm.metrics.threshold.ThresholdParser;
import dev.streamstorm.metrics.threshold.ThresholdSyntaxException;
import java.util.Locale;

/**
 * How a threshold result reads in reports: its rule as written and its measured value with units.
 */
public final class ThresholdText {
  private ThresholdText() {}

  /** The rule as a user wrote it, e.g. {@code ttft{conversation:x} p95 < 2s}. */
  public static String rule(ThresholdResult t) {
    return t.metric() + ConsoleSummary.tags(t.tags()) + " " + t.expression();
  }

  /**
   * The measured value in the unit the rule is written in: {@code 1,234 ms}, {@code 0.52%}, {@code
   * 12.5/s}, {@code 3}; {@code nothing} when no message gave a sample.
   */
  public static String measured(ThresholdResult t) {
    double v = t.actual();
    if (Double.isNaN(v)) {
      return "nothing";
    }
    Threshold parsed;
    try {
      parsed = ThresholdParser.parse(t.metric(), t.expression());
    } catch (ThresholdSyntaxException e) {
      // Written by another version of the tool: the bare number is still right.
      return Format.num(v);
    }
    Aggregate.Kind aggregate = parsed.aggregate().kind();
    if (aggregate == Aggregate.Kind.COUNT) {
      return Format.num(v);
    }
    return switch (MetricKind.of(t.metric())) {
      case TIME -> Format.ms(v) + " ms";
      case VALUE -> Format.num(v);
      case ERROR -> percent(v);
      case MESSAGES -> Format.rate(v) + "/s";
      case GOODPUT -> aggregate == Aggregate.Kind.RATIO ? percent(v) : Format.rate(v) + "/s";
    };
  }

  /** A fraction as a percentage, with two decimals below 1% so that 0.05% does not read 0.1%. */
  static String percent(double fraction) {
    double p = fraction * 100;
    return String.format(Locale.ROOT, p < 1 && p > 0 ? "%.2f%%" : "%.1f%%", p);
  }
}
