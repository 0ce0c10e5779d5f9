package dev.streamstorm.scenario;

import dev.streamstorm.scenario.Node.MapNode;
import dev.streamstorm.scenario.Node.ScalarNode;
import java.time.Duration;
import java.util.List;

/**
 * Reads a pause ({@code thinkTime}, {@code pacing}): {@code 1s}; {@code {min: 1s, max: 3s}}
 * (uniform); {@code {mean: 2s, distribution: exponential}}; {@code 0} or {@code none} for none.
 */
final class DelayReader {
  static final List<String> KEYS = List.of("min", "max", "mean", "distribution");

  private final NodeReader values;

  DelayReader(NodeReader values) {
    this.values = values;
  }

  Delay read(String path, Node node) {
    if (node instanceof ScalarNode s && s.text().strip().equalsIgnoreCase("none")) {
      return Delay.none();
    }
    if (!(node instanceof MapNode map)) {
      Duration d = values.duration(path, node);
      return d.isZero() ? Delay.none() : new Delay.Fixed(d);
    }
    MapReader r = new MapReader(values, path, map, KEYS);
    if (r.has("mean")) {
      if (r.has("min") || r.has("max")) {
        throw r.error("mean", "give either min and max (uniform) or mean (exponential), not both");
      }
      r.get("distribution")
          .ifPresent(
              n -> {
                if (!values.text(r.path("distribution"), n).equalsIgnoreCase("exponential")) {
                  throw values.expected(
                      n, r.path("distribution"), "exponential (the distribution with a mean)");
                }
              });
      return new Delay.Exponential(r.positiveDuration("mean").orElseThrow());
    }
    if (r.has("distribution")) {
      throw r.error(
          "distribution", "distribution goes with mean: { mean: 2s, distribution: exponential }");
    }
    Duration min =
        r.duration("min")
            .orElseThrow(() -> values.error(node, path, "expected min and max, or mean"));
    Duration max =
        r.duration("max").orElseThrow(() -> values.error(node, path, "expected max beside min"));
    if (max.compareTo(min) < 0) {
      throw r.error(
          "max",
          "max (" + Durations.format(max) + ") is below min (" + Durations.format(min) + ")");
    }
    return new Delay.Uniform(min, max);
  }
}
