package dev.streamstorm.scenario;

import dev.streamstorm.scenario.LoadSpec.Distribution;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The load flags, checked: positive where a count or a duration, a rate that parses, no two flags
 * that choose different models.
 */
record LoadFlags(
    Optional<Integer> vus,
    Optional<Duration> duration,
    Optional<Double> rate,
    Optional<Distribution> distribution,
    Optional<Integer> users,
    Optional<Double> spawnRate,
    Optional<Long> iterations,
    Optional<Long> maxMessages,
    Optional<Long> maxTokens) {

  static final Map<String, Distribution> DISTRIBUTIONS = new LinkedHashMap<>();

  static {
    DISTRIBUTIONS.put("constant", Distribution.CONSTANT);
    DISTRIBUTIONS.put("poisson", Distribution.POISSON);
  }

  static LoadFlags of(ScenarioOverrides o) {
    o.vus().filter(v -> v <= 0).ifPresent(v -> fail("--vus: expected a positive number, got " + v));
    o.users()
        .filter(v -> v <= 0)
        .ifPresent(v -> fail("--users: expected a positive number, got " + v));
    o.spawnRate()
        .filter(v -> !(v > 0))
        .ifPresent(v -> fail("--spawn-rate: expected a positive number, got " + v));
    o.duration()
        .filter(d -> d.isNegative() || d.isZero())
        .ifPresent(d -> fail("--duration: expected a positive duration like 30s"));
    positive("--iterations", o.iterations());
    positive("--max-messages", o.maxMessages());
    positive("--max-tokens", o.maxTokens());
    Optional<Double> rate = o.rate().map(LoadFlags::rate);
    Optional<Distribution> distribution =
        o.distribution()
            .map(
                d -> {
                  Distribution found =
                      DISTRIBUTIONS.get(d.strip().toLowerCase(java.util.Locale.ROOT));
                  if (found == null) {
                    fail("--distribution: " + NodeReader.unknown("distribution", d, DISTRIBUTIONS));
                  }
                  return found;
                });
    if (rate.isPresent() && (o.vus().isPresent() || o.users().isPresent())) {
      fail(
          "--rate and --"
              + (o.vus().isPresent() ? "vus" : "users")
              + " choose different load models: an arrival rate (open) or virtual users"
              + " (closed); give one");
    }
    if (o.vus().isPresent() && o.users().isPresent()) {
      fail("--vus and --users both set the number of users; give one");
    }
    if (o.spawnRate().isPresent() && o.users().isEmpty()) {
      fail("--spawn-rate needs --users (the number of users to reach)");
    }
    return new LoadFlags(
        o.vus(),
        o.duration(),
        rate,
        distribution,
        o.users(),
        o.spawnRate(),
        o.iterations(),
        o.maxMessages(),
        o.maxTokens());
  }

  /** True when a flag chooses the model (and so beats the file's). */
  boolean choosesModel() {
    return rate.isPresent() || vus.isPresent() || users.isPresent();
  }

  private static double rate(String text) {
    OptionalDouble r = Rates.parse(text);
    if (r.isEmpty() || !(r.getAsDouble() > 0) || !Double.isFinite(r.getAsDouble())) {
      fail("--rate: " + Rates.EXPECTED + ", got '" + text + "'");
    }
    return r.getAsDouble();
  }

  private static void positive(String flag, Optional<Long> value) {
    value.filter(v -> v <= 0).ifPresent(v -> fail(flag + ": expected a positive number, got " + v));
  }

  private static void fail(String message) {
    throw new ScenarioException(message);
  }
}
