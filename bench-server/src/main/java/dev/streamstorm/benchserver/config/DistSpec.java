package dev.streamstorm.benchserver.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the spec strings documented on {@link Dist}. */
final class DistSpec {

  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m)");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

  private DistSpec() {}

  static Dist parse(String spec, boolean duration) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    String[] parts = s.split(":", -1);
    String kind = parts.length == 1 ? "fixed" : parts[0];
    int args = parts.length - (parts.length == 1 ? 0 : 1);
    int first = parts.length == 1 ? 0 : 1;
    try {
      return switch (kind) {
        case "fixed" -> {
          expectArgs(args, 1);
          yield new Dist.Fixed(value(parts[first], duration));
        }
        case "uniform" -> {
          expectArgs(args, 2);
          yield new Dist.Uniform(value(parts[first], duration), value(parts[first + 1], duration));
        }
        case "normal" -> {
          expectArgs(args, 2);
          yield new Dist.Normal(value(parts[first], duration), value(parts[first + 1], duration));
        }
        case "lognormal" -> {
          expectArgs(args, 2);
          yield new Dist.LogNormal(value(parts[first], duration), plain(parts[first + 1]));
        }
        case "exponential" -> {
          expectArgs(args, 1);
          yield new Dist.Exponential(value(parts[first], duration));
        }
        default -> throw new IllegalArgumentException("unknown distribution '" + kind + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          e.getMessage() + " in '" + spec + "'; expected " + expected(duration), e);
    }
  }

  /** Parses one duration such as {@code 200ms}, {@code 1.5s} or {@code 0}; returns nanoseconds. */
  static long durationNanos(String text) {
    return Math.round(duration(text.trim().toLowerCase(Locale.ROOT)));
  }

  static String expected(boolean duration) {
    return duration
        ? "a duration like 200ms (units ns, us, ms, s, m) or fixed:200ms, uniform:100ms:300ms,"
            + " normal:200ms:30ms, lognormal:200ms:0.5, exponential:200ms"
        : "a count like 50 or fixed:50, uniform:20:80, normal:50:10, lognormal:50:0.5,"
            + " exponential:50";
  }

  private static void expectArgs(int actual, int wanted) {
    if (actual != wanted) {
      throw new IllegalArgumentException(
          "wrong number of parameters (" + actual + " instead of " + wanted + ")");
    }
  }

  private static double value(String text, boolean duration) {
    return duration ? duration(text) : plain(text);
  }

  private static double plain(String text) {
    if (!NUMBER.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a non-negative number");
    }
    return Double.parseDouble(text);
  }

  private static double duration(String text) {
    if (text.equals("0")) {
      return 0;
    }
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration with a unit");
    }
    double amount = Double.parseDouble(m.group(1));
    double nanosPerUnit =
        switch (m.group(2)) {
          case "ns" -> 1;
          case "us", "µs" -> 1e3;
          case "ms" -> 1e6;
          case "s" -> 1e9;
          case "m" -> 60e9;
          default -> throw new IllegalArgumentException("unknown unit " + m.group(2));
        };
    return amount * nanosPerUnit;
  }
}
