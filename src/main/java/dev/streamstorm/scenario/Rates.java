package dev.streamstorm.scenario;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arrival rates: {@code 20/s}, {@code 1200/m}, {@code 0.5/s}, {@code 36000/h}, or a number per
 * second.
 */
final class Rates {
  static final String EXPECTED = "expected a rate like 20/s, 1200/m or 0.5/s";

  private static final Pattern RATE =
      Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(?:/\\s*(s|m|h))?");

  private Rates() {}

  /** Arrivals per second, or empty when the text is not a rate. */
  static OptionalDouble parse(String text) {
    Matcher m = RATE.matcher(text.strip());
    if (!m.matches()) {
      return OptionalDouble.empty();
    }
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return OptionalDouble.of(
        switch (unit) {
          case "m" -> value / 60.0;
          case "h" -> value / 3600.0;
          default -> value;
        });
  }
}
