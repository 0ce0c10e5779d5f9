package dev.streamstorm.scenario;

import dev.streamstorm.scenario.Node.ListNode;
import dev.streamstorm.scenario.Node.MapNode;
import dev.streamstorm.scenario.Node.ScalarNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns nodes into typed values, or into an error at the node saying what was expected there and
 * what was found. {@code path} names the key in messages ({@code load.duration}).
 */
final class NodeReader {
  private final Source source;

  NodeReader(Source source) {
    this.source = source;
  }

  Source source() {
    return source;
  }

  ScenarioException error(Node node, String path, String message) {
    return source.error(node.pos(), path.isEmpty() ? message : path + ": " + message);
  }

  ScenarioException expected(Node node, String path, String what) {
    return error(node, path, "expected " + what + ", got " + node.describe());
  }

  /** Any plain value as text: YAML's typing of {@code 1} or {@code yes} is incidental here. */
  String text(String path, Node node) {
    if (node instanceof ScalarNode s && !s.isNull()) {
      return s.text();
    }
    throw expected(node, path, "a text value");
  }

  boolean bool(String path, Node node) {
    if (node instanceof ScalarNode s && s.type() == ScalarNode.Type.BOOLEAN) {
      return s.truth();
    }
    throw expected(node, path, "true or false");
  }

  /** A whole number of at least {@code min} (0 or 1 in practice). */
  long wholeNumber(String path, Node node, long min) {
    String what = min > 0 ? "a positive whole number" : "a whole number, 0 or more";
    if (node instanceof ScalarNode s
        && s.type() == ScalarNode.Type.INTEGER
        && s.number() != null
        && new BigInteger(s.number().toString()).bitLength() < 63) {
      long v = s.number().longValue();
      if (v >= min) {
        return v;
      }
    }
    throw expected(node, path, what);
  }

  /** Any whole number that fits a long (a seed). */
  long integer(String path, Node node) {
    if (node instanceof ScalarNode s
        && s.type() == ScalarNode.Type.INTEGER
        && new BigInteger(s.number().toString()).bitLength() < 64) {
      return s.number().longValue();
    }
    throw expected(node, path, "a whole number");
  }

  int positiveInt(String path, Node node) {
    long v = wholeNumber(path, node, 1);
    if (v > Integer.MAX_VALUE) {
      throw expected(node, path, "a positive whole number up to " + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  int nonNegativeInt(String path, Node node) {
    long v = wholeNumber(path, node, 0);
    if (v > Integer.MAX_VALUE) {
      throw expected(node, path, "a whole number up to " + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  /** A positive number, whole or not. */
  double positiveNumber(String path, Node node) {
    if (node instanceof ScalarNode s && s.isNumber()) {
      double v = s.number().doubleValue();
      if (v > 0 && Double.isFinite(v)) {
        return v;
      }
    }
    throw expected(node, path, "a positive number");
  }

  Duration duration(String path, Node node) {
    if (node instanceof ScalarNode s && (s.isString() || s.isNumber())) {
      var d = Durations.parse(s.text());
      if (d.isPresent()) {
        return d.get();
      }
      if (s.isNumber()) {
        throw error(
            node, path, Durations.EXPECTED + ", got " + s.text() + " (a duration needs a unit)");
      }
    }
    throw expected(node, path, Durations.EXPECTED.substring("expected ".length()));
  }

  Duration positiveDuration(String path, Node node) {
    Duration d = duration(path, node);
    if (d.isZero()) {
      throw error(node, path, "expected a duration above zero like 30s, got " + node.describe());
    }
    return d;
  }

  /**
   * A size in bytes of at least 1 KiB and at most 2 GiB: {@code 8MiB}, {@code 512KiB}, or a plain
   * number of bytes.
   */
  int size(String path, Node node) {
    if (node instanceof ScalarNode s && (s.isString() || s.isNumber())) {
      var v = Sizes.parse(s.text());
      if (v.isPresent() && v.getAsLong() >= 1024) {
        return (int) v.getAsLong();
      }
    }
    throw expected(node, path, Sizes.EXPECTED.substring("expected ".length()) + ", 1KiB to 2GiB");
  }

  /** Arrivals per second: {@code 20/s}, {@code 1200/m}, or a plain number (per second). */
  double rate(String path, Node node) {
    OptionalDouble r = OptionalDouble.empty();
    if (node instanceof ScalarNode s && s.isNumber()) {
      r = OptionalDouble.of(s.number().doubleValue());
    } else if (node instanceof ScalarNode s && s.isString()) {
      r = Rates.parse(s.text());
    }
    if (r.isPresent() && r.getAsDouble() >= 0 && Double.isFinite(r.getAsDouble())) {
      return r.getAsDouble();
    }
    throw expected(node, path, Rates.EXPECTED.substring("expected ".length()));
  }

  /** A fraction from 0 to 1, written as a number ({@code 0.95}) or a percentage ({@code 95%}). */
  double fraction(String path, Node node) {
    if (node instanceof ScalarNode s) {
      String t = s.text().strip();
      try {
        double v =
            s.isString() && t.endsWith("%")
                ? new BigDecimal(t.substring(0, t.length() - 1).strip()).doubleValue() / 100.0
                : s.isNumber() ? s.number().doubleValue() : Double.NaN;
        if (v >= 0 && v <= 1) {
          return v;
        }
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw expected(node, path, "a fraction from 0 to 1 like 0.95, or a percentage like 95%");
  }

  /** A share above 0 ({@code 50%}, {@code 0.5}, {@code 100%}), or {@code off}: never. */
  double shareOrOff(String path, Node node) {
    // YAML 1.1 reads a bare off as false.
    if (node instanceof ScalarNode s
        && (s.text().strip().equals("off") || s.text().strip().equals("false"))) {
      return Scenario.NEVER;
    }
    try {
      double v = fraction(path, node);
      if (v > 0) {
        return v;
      }
    } catch (ScenarioException e) {
      // the message below says what is accepted here
    }
    throw expected(node, path, "a share above 0 like 50% or 1.0 (100%), or off");
  }

  MapNode map(String path, Node node) {
    if (node instanceof MapNode m) {
      return m;
    }
    throw expected(node, path, "a mapping of keys");
  }

  ListNode list(String path, Node node) {
    if (node instanceof ListNode l) {
      return l;
    }
    throw expected(node, path, "a list");
  }

  /** One of a fixed set of names; suggests the closest on a miss. */
  <E> E choice(String path, Node node, String noun, Map<String, E> options) {
    String given = text(path, node);
    E e = options.get(given.toLowerCase(java.util.Locale.ROOT));
    if (e != null) {
      return e;
    }
    throw error(node, path, unknown(noun, given, options));
  }

  /** "unknown preset 'x', did you mean 'y'? (expected one of a, b)" */
  static String unknown(String noun, String given, Map<String, ?> options) {
    String hint =
        Suggest.closest(given, options.keySet()).map(k -> ", did you mean '" + k + "'?").orElse("");
    return "unknown "
        + noun
        + " '"
        + given
        + "'"
        + hint
        + " (expected one of "
        + String.join(", ", options.keySet())
        + ")";
  }
}
