package dev.streamstorm.scenario;

import java.util.Locale;

/**
 * A number the server reports about a message (a token count, LLM calls, phase times), where it is
 * found and how several reports of it in one message add up.
 *
 * @param at a JSON Pointer into the events, or a response header
 * @param aggregate {@code last} keeps the last value seen; {@code sum} adds every value seen
 *     (agents that report usage per LLM call)
 * @param unit what the number is in ({@code ms}: shown as a time in outputs)
 */
public record UsageRule(Location at, Aggregate aggregate, Unit unit) {

  public enum Aggregate {
    LAST,
    SUM;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum Unit {
    NONE,
    MS;
  }

  /** The last value at a JSON pointer, unitless. */
  public static UsageRule at(String pointer) {
    return new UsageRule(new Location.Json(pointer), Aggregate.LAST, Unit.NONE);
  }
}
