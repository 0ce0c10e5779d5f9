package dev.streamstorm.benchserver.config;

import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * A fixed value or a distribution to draw one from. Durations are held in nanoseconds, counts as
 * plain numbers; {@link #sample} never returns a negative value (normal draws clamp at 0).
 *
 * <p>Spec strings ({@link #parseDuration}, {@link #parseCount}): {@code 200ms} | {@code
 * fixed:200ms} | {@code uniform:100ms:300ms} | {@code normal:200ms:30ms} (mean, sd) | {@code
 * lognormal:200ms:0.5} (median, sigma) | {@code exponential:200ms} (mean); counts the same without
 * units.
 */
public sealed interface Dist {

  /** One draw; consumes the generator the same way for the same distribution (reproducibility). */
  double sample(RandomGenerator rng);

  /** The spec string this distribution parses from, in nanoseconds or counts. */
  String describe();

  record Fixed(double value) implements Dist {
    public Fixed {
      requireNonNegative(value, "fixed value");
    }

    @Override
    public double sample(RandomGenerator rng) {
      return value;
    }

    @Override
    public String describe() {
      return "fixed:" + value;
    }
  }

  record Uniform(double min, double max) implements Dist {
    public Uniform {
      requireNonNegative(min, "uniform min");
      if (max < min) {
        throw new IllegalArgumentException("uniform max must be >= min");
      }
    }

    @Override
    public double sample(RandomGenerator rng) {
      return min + (max - min) * rng.nextDouble();
    }

    @Override
    public String describe() {
      return "uniform:" + min + ":" + max;
    }
  }

  record Normal(double mean, double sd) implements Dist {
    public Normal {
      requireNonNegative(mean, "normal mean");
      requireNonNegative(sd, "normal sd");
    }

    @Override
    public double sample(RandomGenerator rng) {
      return Math.max(0, mean + sd * rng.nextGaussian());
    }

    @Override
    public String describe() {
      return "normal:" + mean + ":" + sd;
    }
  }

  record LogNormal(double median, double sigma) implements Dist {
    public LogNormal {
      requireNonNegative(median, "lognormal median");
      requireNonNegative(sigma, "lognormal sigma");
    }

    @Override
    public double sample(RandomGenerator rng) {
      return median * Math.exp(sigma * rng.nextGaussian());
    }

    @Override
    public String describe() {
      return "lognormal:" + median + ":" + sigma;
    }
  }

  record Exponential(double mean) implements Dist {
    public Exponential {
      requireNonNegative(mean, "exponential mean");
    }

    @Override
    public double sample(RandomGenerator rng) {
      return mean * rng.nextExponential();
    }

    @Override
    public String describe() {
      return "exponential:" + mean;
    }
  }

  static Dist fixed(long amount, TimeUnit unit) {
    return new Fixed(unit.toNanos(amount));
  }

  static Dist fixed(double count) {
    return new Fixed(count);
  }

  static Dist uniform(long min, long max, TimeUnit unit) {
    return new Uniform(unit.toNanos(min), unit.toNanos(max));
  }

  /** Parses a duration distribution; values are in nanoseconds. */
  static Dist parseDuration(String spec) {
    return DistSpec.parse(spec, true);
  }

  /** Parses a count distribution (token counts). */
  static Dist parseCount(String spec) {
    return DistSpec.parse(spec, false);
  }

  private static void requireNonNegative(double v, String what) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
    }
  }
}
