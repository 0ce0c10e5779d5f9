package dev.streamstorm.scenario;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** A pause (think time, pacing): fixed, uniform, or exponentially distributed. */
public sealed interface Delay permits Delay.None, Delay.Fixed, Delay.Uniform, Delay.Exponential {

  /** Draws the next pause in nanoseconds. */
  long nextNanos(RandomGenerator random);

  record None() implements Delay {
    @Override
    public long nextNanos(RandomGenerator random) {
      return 0;
    }
  }

  record Fixed(Duration value) implements Delay {
    @Override
    public long nextNanos(RandomGenerator random) {
      return value.toNanos();
    }
  }

  record Uniform(Duration min, Duration max) implements Delay {
    @Override
    public long nextNanos(RandomGenerator random) {
      long lo = min.toNanos();
      long hi = max.toNanos();
      return hi <= lo ? lo : lo + random.nextLong(hi - lo + 1);
    }
  }

  /** Memoryless pauses with the given mean, as a Poisson process of user actions has. */
  record Exponential(Duration mean) implements Delay {
    @Override
    public long nextNanos(RandomGenerator random) {
      return (long) (-Math.log(1.0 - random.nextDouble()) * mean.toNanos());
    }
  }

  static Delay none() {
    return new None();
  }
}
