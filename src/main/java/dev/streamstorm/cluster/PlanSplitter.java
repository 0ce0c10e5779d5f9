package dev.streamstorm.cluster;

import dev.streamstorm.scenario.ConnectionSpec;
import dev.streamstorm.scenario.DataSpec;
import dev.streamstorm.scenario.LoadSpec;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits one test into the shares of a distributed run's agents, exactly: what is counted (users,
 * stage targets in users, maxInFlight, maxConnections, totalIterations, maxMessages, maxTokens) is
 * divided with the remainder spread over the first agents, so the shares add up to the total; rates
 * (arrival rate, rate stages, sweep rates) are divided evenly. Durations, warm-up, iterations per
 * user and everything about the messages stay as they are. Each agent gets its own seed, and its
 * own rows of the data file, so that {@code order: unique} rows stay unique across the cluster.
 * Pure.
 */
public final class PlanSplitter {
  private PlanSplitter() {}

  /**
   * Refuses a split that would leave an agent with nothing of a positive budget: a count smaller
   * than the number of agents (2 users for 3 agents) cannot be shared without one.
   *
   * @param dataRows rows of the scenario's data file (ignored without one)
   */
  public static void check(Scenario s, int agents, int dataRows) {
    if (agents < 1) {
      throw new ScenarioException("--agents: expected a positive number, got " + agents);
    }
    LoadSpec load = s.load();
    if (load instanceof LoadSpec.Closed c) {
      if (c.stages().isEmpty()) {
        atLeast("the load has " + c.vus() + " users", c.vus(), agents, "users");
      } else {
        long peak = c.stages().stream().mapToLong(st -> Math.round(st.target())).max().orElse(0);
        atLeast("the stages peak at " + peak + " users", peak, agents, "users");
      }
    } else {
      LoadSpec.Open o = (LoadSpec.Open) load;
      atLeast("maxInFlight is " + o.maxInFlight(), o.maxInFlight(), agents, "maxInFlight");
    }
    LoadSpec.Limits l = load.limits();
    l.iterationsTotal()
        .ifPresent(v -> atLeast("totalIterations is " + v, v, agents, "totalIterations"));
    l.maxMessages().ifPresent(v -> atLeast("maxMessages is " + v, v, agents, "maxMessages"));
    l.maxTokens().ifPresent(v -> atLeast("maxTokens is " + v, v, agents, "maxTokens"));
    s.connection()
        .maxConnections()
        .ifPresent(v -> atLeast("maxConnections is " + v, v, agents, "maxConnections"));
    s.data()
        .filter(d -> d.order() == DataSpec.Order.UNIQUE)
        .ifPresent(
            d ->
                atLeast(
                    "the data file has " + dataRows + " unique rows", dataRows, agents, "rows"));
  }

  private static void atLeast(String what, long value, int agents, String unit) {
    if (value < agents) {
      throw new ScenarioException(
          "cannot split the test across "
              + agents
              + " agents: "
              + what
              + ", and every agent needs at least one of the "
              + unit
              + "; use --agents "
              + Math.max(1, value)
              + " or fewer");
    }
  }

  /** Agent {@code index}'s share of {@code s} (0-based, of {@code agents}); data rows untouched. */
  public static Scenario slice(Scenario s, int index, int agents) {
    return s.toBuilder()
        .load(load(s.load(), index, agents))
        .connection(connection(s.connection(), index, agents))
        .seed(seed(s.seed(), index))
        .build();
  }

  /** Agent {@code index}'s share of a count: total/agents, one more for the first total%agents. */
  public static long share(long total, int index, int agents) {
    return total / agents + (index < total % agents ? 1 : 0);
  }

  /**
   * Agent {@code index}'s rows: rows index, index+agents, index+2*agents, ... so that no two agents
   * share a row. With fewer rows than agents (only for sequential or random order, which may reuse
   * rows) every agent gets them all.
   */
  public static <T> List<T> rows(List<T> rows, int index, int agents) {
    if (rows.size() < agents) {
      return List.copyOf(rows);
    }
    List<T> mine = new ArrayList<>(rows.size() / agents + 1);
    for (int i = index; i < rows.size(); i += agents) {
      mine.add(rows.get(i));
    }
    return mine;
  }

  /** A seed of its own for every agent, derived from the scenario's (SplitMix64). */
  public static long seed(long scenarioSeed, int index) {
    long z = scenarioSeed + (index + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static LoadSpec load(LoadSpec load, int index, int agents) {
    LoadSpec.Limits limits = limits(load.limits(), index, agents);
    if (load instanceof LoadSpec.Closed c) {
      List<LoadSpec.Stage> stages =
          c.stages().stream()
              .map(
                  st ->
                      new LoadSpec.Stage(
                          st.duration(), share(Math.round(st.target()), index, agents)))
              .toList();
      return new LoadSpec.Closed(
          (int) share(c.vus(), index, agents), stages, c.gracefulStop(), limits);
    }
    LoadSpec.Open o = (LoadSpec.Open) load;
    List<LoadSpec.Stage> stages =
        o.stages().stream()
            .map(st -> new LoadSpec.Stage(st.duration(), st.target() / agents))
            .toList();
    Optional<LoadSpec.Sweep> sweep =
        o.sweep()
            .map(
                w ->
                    new LoadSpec.Sweep(
                        w.startRate() / agents,
                        w.stepRate() / agents,
                        w.maxRate() / agents,
                        w.stepDuration(),
                        w.minGoodRatio(),
                        w.maxErrorRate()));
    return new LoadSpec.Open(
        o.rate() / agents,
        o.distribution(),
        stages,
        (int) share(o.maxInFlight(), index, agents),
        sweep,
        o.gracefulStop(),
        limits);
  }

  private static LoadSpec.Limits limits(LoadSpec.Limits l, int index, int agents) {
    return new LoadSpec.Limits(
        l.duration(),
        l.iterationsPerUser(),
        l.iterationsTotal().map(v -> share(v, index, agents)),
        l.maxMessages().map(v -> share(v, index, agents)),
        l.maxTokens().map(v -> share(v, index, agents)),
        l.warmup());
  }

  private static ConnectionSpec connection(ConnectionSpec c, int index, int agents) {
    return c.withMaxConnections(c.maxConnections().map(v -> (int) share(v, index, agents)));
  }
}
