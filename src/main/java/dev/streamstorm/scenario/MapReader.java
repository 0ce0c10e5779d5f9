package dev.streamstorm.scenario;

import dev.streamstorm.scenario.Node.Entry;
import dev.streamstorm.scenario.Node.ListNode;
import dev.streamstorm.scenario.Node.MapNode;
import dev.streamstorm.scenario.Node.ScalarNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads one mapping of a scenario file whose keys are known in advance: an unknown key is an error
 * at that key, with the closest known key suggested. A key whose value is null (YAML {@code key:}
 * with nothing after it) counts as not given.
 */
final class MapReader {
  private final NodeReader values;
  private final String path;
  private final MapNode node;

  MapReader(NodeReader values, String path, MapNode node, List<String> known) {
    this.values = values;
    this.path = path;
    this.node = node;
    for (Entry e : node.entries().values()) {
      if (!known.contains(e.key())) {
        String hint =
            Suggest.closest(e.key(), known)
                .map(k -> ", did you mean '" + k + "'?")
                .orElse("; expected one of: " + String.join(", ", known));
        throw values.source().error(e.keyPos(), "unknown key '" + e.key() + "'" + hint);
      }
    }
  }

  NodeReader values() {
    return values;
  }

  Pos pos() {
    return node.pos();
  }

  String path() {
    return path;
  }

  /** The dotted path of a key, for messages: {@code load.duration}. */
  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The entry as written, even when its value is null. */
  Optional<Entry> entry(String key) {
    return Optional.ofNullable(node.entries().get(key));
  }

  Optional<Node> get(String key) {
    return entry(key).map(Entry::value).filter(v -> !(v instanceof ScalarNode s && s.isNull()));
  }

  boolean has(String key) {
    return get(key).isPresent();
  }

  ScenarioException error(String key, String message) {
    Node at = get(key).orElseThrow();
    return values.error(at, path(key), message);
  }

  Optional<String> text(String key) {
    return get(key).map(n -> values.text(path(key), n));
  }

  Optional<Boolean> bool(String key) {
    return get(key).map(n -> values.bool(path(key), n));
  }

  Optional<Integer> positiveInt(String key) {
    return get(key).map(n -> values.positiveInt(path(key), n));
  }

  Optional<Integer> nonNegativeInt(String key) {
    return get(key).map(n -> values.nonNegativeInt(path(key), n));
  }

  Optional<Long> positiveLong(String key) {
    return get(key).map(n -> values.wholeNumber(path(key), n, 1));
  }

  Optional<Duration> duration(String key) {
    return get(key).map(n -> values.duration(path(key), n));
  }

  Optional<Duration> positiveDuration(String key) {
    return get(key).map(n -> values.positiveDuration(path(key), n));
  }

  Optional<Integer> size(String key) {
    return get(key).map(n -> values.size(path(key), n));
  }

  Optional<Double> rate(String key) {
    return get(key).map(n -> values.rate(path(key), n));
  }

  Optional<Double> fraction(String key) {
    return get(key).map(n -> values.fraction(path(key), n));
  }

  Optional<ListNode> list(String key) {
    return get(key).map(n -> values.list(path(key), n));
  }

  Optional<MapReader> map(String key, List<String> known) {
    return get(key).map(n -> new MapReader(values, path(key), values.map(path(key), n), known));
  }
}
