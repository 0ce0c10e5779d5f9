package dev.streamstorm.benchserver.config;

import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/** Applies a map of camelCase options over a base config; errors name the key and expectation. */
final class ConfigMapReader {

  private static final Map<String, BiFunction<BenchServerConfig, Object, BenchServerConfig>>
      SETTERS =
          Map.ofEntries(
              Map.entry("seed", (c, v) -> c.withSeed(integer(v, Long.MIN_VALUE))),
              Map.entry("eventLoops", (c, v) -> c.withEventLoops((int) integer(v, 1))),
              Map.entry("ttft", (c, v) -> c.withTtft(duration(v))),
              Map.entry("itl", (c, v) -> c.withItl(duration(v))),
              Map.entry("tokens", (c, v) -> c.withTokens(count(v))),
              Map.entry("toolDelay", (c, v) -> c.withToolDelay(duration(v))),
              Map.entry("historyCost", (c, v) -> c.withHistoryCost(duration(v))),
              Map.entry("maxConcurrency", (c, v) -> c.withMaxConcurrency((int) integer(v, 0))),
              Map.entry("queueLimit", (c, v) -> c.withQueueLimit((int) integer(v, -1))),
              Map.entry("rateLimitRps", (c, v) -> c.withRateLimitRps(number(v, 0, 1e9))),
              Map.entry("rateLimitTpm", (c, v) -> c.withRateLimitTpm(integer(v, 0))),
              Map.entry("fault500", (c, v) -> c.withFault500(number(v, 0, 1))),
              Map.entry("faultDrop", (c, v) -> c.withFaultDrop(number(v, 0, 1))),
              Map.entry("faultStall", (c, v) -> c.withFaultStall(number(v, 0, 1))),
              Map.entry("stallDuration", (c, v) -> c.withStallDuration(duration(v))),
              Map.entry("faultMalformed", (c, v) -> c.withFaultMalformed(number(v, 0, 1))),
              Map.entry("faultSlowHeaders", (c, v) -> c.withFaultSlowHeaders(number(v, 0, 1))),
              Map.entry("slowHeadersDelay", (c, v) -> c.withSlowHeadersDelay(duration(v))),
              Map.entry("reasoningTokens", (c, v) -> c.withReasoningTokens(count(v))),
              Map.entry("reasoningItl", (c, v) -> c.withReasoningItl(duration(v))),
              Map.entry("toolCalls", (c, v) -> c.withToolCalls(count(v))),
              Map.entry("phaseDelay", (c, v) -> c.withPhaseDelay(duration(v))),
              Map.entry("reasoningField", (c, v) -> c.withReasoningField(reasoningField(v))),
              Map.entry("warmUp", (c, v) -> c.withWarmUp(bool(v))),
              Map.entry("tlsCert", (c, v) -> c.withTls(text(v), c.tlsKey())),
              Map.entry("tlsKey", (c, v) -> c.withTls(c.tlsCert(), text(v))),
              Map.entry("tlsSelfSigned", (c, v) -> c.withTlsSelfSigned(bool(v))));

  private ConfigMapReader() {}

  static BenchServerConfig read(BenchServerConfig base, Map<String, ?> options) {
    BenchServerConfig config = base;
    for (Map.Entry<String, ?> e : options.entrySet()) {
      var setter = SETTERS.get(e.getKey());
      if (setter == null) {
        throw new IllegalArgumentException(
            "unknown bench-server option '"
                + e.getKey()
                + "'; expected one of "
                + String.join(", ", new TreeSet<>(SETTERS.keySet())));
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException(e.getKey() + ": expected a value, got null");
      }
      try {
        config = setter.apply(config, e.getValue());
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(e.getKey() + ": " + ex.getMessage(), ex);
      }
    }
    return config.checkTls();
  }

  private static String reasoningField(Object v) {
    String s = String.valueOf(v).trim();
    if (!s.equals(BenchServerConfig.REASONING_CONTENT) && !s.equals(BenchServerConfig.REASONING)) {
      throw new IllegalArgumentException(
          "expected reasoning_content or reasoning, got '" + v + "'");
    }
    return s;
  }

  private static String text(Object v) {
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException("expected a file name, got " + v);
  }

  private static boolean bool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(v).trim();
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new IllegalArgumentException("expected true or false, got '" + v + "'");
  }

  private static Dist duration(Object v) {
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(
          "expected " + DistSpec.expected(true) + " as a string, got " + v);
    }
    return Dist.parseDuration(s);
  }

  private static Dist count(Object v) {
    if (v instanceof Number n) {
      return Dist.fixed(checkNumber(n.doubleValue(), 0, Double.MAX_VALUE));
    }
    return Dist.parseCount(String.valueOf(v));
  }

  private static long integer(Object v, long min) {
    long value;
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      value = n.longValue();
    } else if (v instanceof String s && s.trim().matches("-?\\d+")) {
      value = Long.parseLong(s.trim());
    } else {
      throw new IllegalArgumentException("expected an integer, got '" + v + "'");
    }
    if (value < min) {
      throw new IllegalArgumentException("expected an integer >= " + min + ", got " + value);
    }
    return value;
  }

  private static double number(Object v, double min, double max) {
    double value;
    if (v instanceof Number n) {
      value = n.doubleValue();
    } else {
      try {
        value = Double.parseDouble(String.valueOf(v).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a number, got '" + v + "'", e);
      }
    }
    return checkNumber(value, min, max);
  }

  private static double checkNumber(double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          "expected a number between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}
