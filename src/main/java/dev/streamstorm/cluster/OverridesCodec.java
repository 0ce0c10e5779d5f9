package dev.streamstorm.cluster;

import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The command-line overrides of a test, sent along with the scenario text to every agent. */
final class OverridesCodec {
  private OverridesCodec() {}

  static JsonObject encode(ScenarioOverrides o) {
    JsonObject j = new JsonObject();
    o.target().ifPresent(v -> j.put("target", v));
    o.preset().ifPresent(v -> j.put("preset", v));
    o.protocol().ifPresent(v -> j.put("protocol", v));
    o.vus().ifPresent(v -> j.put("vus", v));
    o.duration().ifPresent(v -> j.put("duration", v.toString()));
    o.rate().ifPresent(v -> j.put("rate", v));
    o.distribution().ifPresent(v -> j.put("distribution", v));
    o.users().ifPresent(v -> j.put("users", v));
    o.spawnRate().ifPresent(v -> j.put("spawnRate", v));
    o.iterations().ifPresent(v -> j.put("iterations", v));
    o.maxMessages().ifPresent(v -> j.put("maxMessages", v));
    o.maxTokens().ifPresent(v -> j.put("maxTokens", v));
    o.seed().ifPresent(v -> j.put("seed", v));
    o.message().ifPresent(v -> j.put("message", v));
    return j.put("thresholds", new JsonArray(o.thresholds()));
  }

  static ScenarioOverrides decode(JsonObject j) {
    return new ScenarioOverrides(
        Optional.ofNullable(j.getString("target")),
        Optional.ofNullable(j.getString("preset")),
        Optional.ofNullable(j.getString("protocol")),
        Optional.ofNullable(j.getInteger("vus")),
        Optional.ofNullable(j.getString("duration")).map(Duration::parse),
        Optional.ofNullable(j.getString("rate")),
        Optional.ofNullable(j.getString("distribution")),
        Optional.ofNullable(j.getInteger("users")),
        Optional.ofNullable(j.getDouble("spawnRate")),
        Optional.ofNullable(j.getLong("iterations")),
        Optional.ofNullable(j.getLong("maxMessages")),
        Optional.ofNullable(j.getLong("maxTokens")),
        Optional.ofNullable(j.getLong("seed")),
        Optional.ofNullable(j.getString("message")),
        j.getJsonArray("thresholds", new JsonArray()).stream().map(String::valueOf).toList());
  }

  /** The same overrides aimed at {@code target} (the embedded server the coordinator started). */
  static ScenarioOverrides withTarget(ScenarioOverrides o, String target) {
    return new ScenarioOverrides(
        Optional.of(target),
        o.preset(),
        o.protocol(),
        o.vus(),
        o.duration(),
        o.rate(),
        o.distribution(),
        o.users(),
        o.spawnRate(),
        o.iterations(),
        o.maxMessages(),
        o.maxTokens(),
        o.seed(),
        o.message(),
        List.copyOf(o.thresholds()));
  }
}
