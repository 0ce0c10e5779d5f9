package dev.streamstorm.scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenario files write them: a number and a unit (us, ms, s, m, h), optionally several
 * in a row ({@code 1m30s}), decimals allowed ({@code 1.5s}); a bare {@code 0} is zero.
 */
public final class Durations {
  static final String EXPECTED = "expected a duration like 30s, 500ms or 2m";

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|µs|ms|s|m|h)");

  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  private Durations() {}

  /** Parses a duration, or returns empty when the text is not one. */
  public static Optional<Duration> parse(String text) {
    String s = text.strip();
    if (s.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher m = PART.matcher(s);
    int at = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (at < s.length() && m.find(at) && m.start() == at) {
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(nanosPer(m.group(2))));
      at = m.end();
    }
    if (at == 0 || at != s.length() || nanos.compareTo(MAX_NANOS) > 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(nanos.longValue()));
  }

  /** The shortest way to write a duration back: {@code 30s}, {@code 1m30s}, {@code 250ms}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long h = d.toHours();
    long m = d.toMinutesPart();
    long s = d.toSecondsPart();
    long ms = d.toMillisPart();
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (m > 0) {
      sb.append(m).append('m');
    }
    if (s > 0) {
      sb.append(s).append('s');
    }
    if (ms > 0) {
      sb.append(ms).append("ms");
    }
    if (sb.length() == 0) {
      sb.append(d.toNanos() / 1000).append("us");
    }
    return sb.toString();
  }

  private static BigDecimal nanosPer(String unit) {
    return BigDecimal.valueOf(
        switch (unit) {
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        });
  }
}
