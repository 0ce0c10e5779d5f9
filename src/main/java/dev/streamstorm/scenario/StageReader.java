package dev.streamstorm.scenario;

import dev.streamstorm.scenario.LoadSpec.Stage;
import dev.streamstorm.scenario.LoadSpec.Sweep;
import dev.streamstorm.scenario.Node.ListNode;
import dev.streamstorm.scenario.Node.ScalarNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads load stages and sweeps, and maps Locust's users and spawn rate onto stages. */
final class StageReader {
  static final List<String> STAGE_KEYS = List.of("duration", "target");
  static final List<String> SWEEP_KEYS =
      List.of("start", "step", "max", "stepDuration", "minGoodRatio", "maxErrorRate");

  private final NodeReader values;

  StageReader(NodeReader values) {
    this.values = values;
  }

  /** Stages whose targets are users (closed) or arrivals per second (open). */
  List<Stage> stages(String path, ListNode list, boolean rates) {
    if (list.items().isEmpty()) {
      throw values.error(
          list, path, "expected at least one stage, e.g. - { duration: 1m, target: 10 }");
    }
    List<Stage> stages = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      String at = path + "[" + i + "]";
      MapReader r = new MapReader(values, at, values.map(at, list.items().get(i)), STAGE_KEYS);
      Duration d =
          r.duration("duration")
              .orElseThrow(() -> values.source().error(r.pos(), at + ": missing key 'duration'"));
      Node targetNode =
          r.get("target")
              .orElseThrow(() -> values.source().error(r.pos(), at + ": missing key 'target'"));
      stages.add(
          new Stage(
              d, rates ? rate(r.path("target"), targetNode) : users(r.path("target"), targetNode)));
    }
    if (total(stages).isZero()) {
      throw values.error(list, path, "the stages last no time at all; give a stage a duration");
    }
    return List.copyOf(stages);
  }

  private double users(String path, Node node) {
    if (node instanceof ScalarNode s && s.isString() && s.text().contains("/")) {
      throw values.error(
          node,
          path,
          "a rate target needs the open model: add load.arrival (arrival: { rate: 10/s }); with"
              + " virtual users a target is a number of users");
    }
    return values.wholeNumber(path, node, 0);
  }

  private double rate(String path, Node node) {
    return values.rate(path, node);
  }

  Sweep sweep(MapReader r) {
    double start = required(r, "start");
    double step = required(r, "step");
    double max = required(r, "max");
    Duration stepDuration =
        r.positiveDuration("stepDuration")
            .orElseThrow(() -> missing(r, "stepDuration", "how long each rate is held, e.g. 30s"));
    if (max < start) {
      throw r.error("max", "the sweep's max rate is below its start rate");
    }
    return new Sweep(
        start,
        step,
        max,
        stepDuration,
        r.fraction("minGoodRatio").orElse(0.95),
        r.fraction("maxErrorRate").orElse(0.01));
  }

  private double required(MapReader r, String key) {
    Node n = r.get(key).orElseThrow(() -> missing(r, key, "a rate like 5/s"));
    double v = values.rate(r.path(key), n);
    if (!(v > 0)) {
      throw values.expected(n, r.path(key), "a rate above zero like 5/s");
    }
    return v;
  }

  private ScenarioException missing(MapReader r, String key, String what) {
    return values.source().error(r.pos(), r.path() + ": missing key '" + key + "' (" + what + ")");
  }

  /**
   * How long a sweep runs when every step is held: one step per rate from start to max; empty when
   * that is longer than a Duration of nanoseconds holds (292 years), which no run can last.
   */
  static Optional<Duration> sweepLength(Sweep s) {
    double steps = Math.floor((s.maxRate() - s.startRate()) / s.stepRate() + 1e-9) + 1;
    double nanos = steps * s.stepDuration().toNanos();
    return nanos < Long.MAX_VALUE
        ? Optional.of(s.stepDuration().multipliedBy((long) steps))
        : Optional.empty();
  }

  static Duration total(List<Stage> stages) {
    return stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
  }

  /**
   * Locust's {@code --users N --spawn-rate R}: one stage ramping 0 to N over N/R seconds, then
   * holding N for the rest of the duration. Without a duration, the ramp alone (the crowd then
   * holds until another limit ends the run); with a duration shorter than the ramp, the ramp is cut
   * where the duration ends.
   */
  static List<Stage> locust(int users, double spawnRate, Optional<Duration> duration) {
    Duration ramp = Duration.ofNanos(Math.round(users / spawnRate * 1e9));
    if (duration.isEmpty()) {
      return List.of(new Stage(ramp, users));
    }
    Duration d = duration.get();
    if (d.compareTo(ramp) <= 0) {
      return List.of(new Stage(d, spawnRate * d.toNanos() / 1e9));
    }
    return List.of(new Stage(ramp, users), new Stage(d.minus(ramp), users));
  }
}
