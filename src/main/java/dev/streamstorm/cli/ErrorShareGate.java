package dev.streamstorm.cli;

import dev.streamstorm.metrics.results.MessageCounts;
import dev.streamstorm.scenario.Scenario;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * The gate every run has, thresholds or not: a run in which at least a share of its messages failed
 * (by default all of them) exits 1, so that a broken target never passes a CI job that set no
 * threshold.
 */
final class ErrorShareGate {
  private ErrorShareGate() {}

  /** {@code --exit-on-errors}: {@code 5%}, {@code 0.05}, {@code 100%} or {@code off}. */
  static double parse(String flag) {
    String t = flag.strip();
    if (t.equals("off")) {
      return Scenario.NEVER;
    }
    try {
      double v =
          t.endsWith("%")
              ? new BigDecimal(t.substring(0, t.length() - 1).strip()).doubleValue() / 100
              : Double.parseDouble(t);
      if (v > 0 && v <= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new UsageException(
        "--exit-on-errors: expected a share above 0 like 5%, 0.5 or 100%, or off; got '"
            + flag
            + "'");
  }

  /** Why the run fails by its share of failed messages, or empty when it does not. */
  static Optional<String> verdict(double share, MessageCounts m) {
    if (m.total() == 0 || (double) m.failed() / m.total() < share) {
      return Optional.empty();
    }
    return Optional.of(
        (m.failed() == m.total()
                ? "every message failed (" + m.failed() + " of " + m.total() + ")"
                : percent((double) m.failed() / m.total())
                    + " of messages failed ("
                    + m.failed()
                    + " of "
                    + m.total()
                    + ")")
            + ", at or past the share that fails a run ("
            + percent(share)
            + "; exitOnErrors in the scenario or --exit-on-errors sets it)");
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.4g%%", share * 100).replaceAll("\\.?0+%$", "%");
  }
}
