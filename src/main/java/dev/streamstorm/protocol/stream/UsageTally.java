package dev.streamstorm.protocol.stream;

import dev.streamstorm.scenario.UsageRule;
import java.util.Arrays;

/**
 * One message's server-reported numbers, by slot of its {@link StreamInterpreter}: each kept as the
 * last value seen or the sum of all, as its rule says. Reused from message to message by one user;
 * confined to its event loop.
 */
public final class UsageTally {
  private final UsageRule.Aggregate[] aggregates;
  private final double[] values;
  private final boolean[] seen;

  UsageTally(UsageRule.Aggregate[] aggregates) {
    this.aggregates = aggregates;
    this.values = new double[aggregates.length];
    this.seen = new boolean[aggregates.length];
  }

  /** Forgets the last message. */
  public void reset() {
    Arrays.fill(seen, false);
    Arrays.fill(values, 0);
  }

  /** A value the server reported for {@code slot}. */
  public void add(int slot, double value) {
    if (slot < 0 || slot >= values.length) {
      return;
    }
    if (aggregates[slot] == UsageRule.Aggregate.SUM) {
      values[slot] += value;
    } else {
      values[slot] = value;
    }
    seen[slot] = true;
  }

  public boolean has(int slot) {
    return seen[slot];
  }

  public double value(int slot) {
    return values[slot];
  }
}
