package dev.streamstorm.scenario;

import com.fasterxml.jackson.core.JsonPointer;
import dev.streamstorm.metrics.threshold.MetricKind;
import dev.streamstorm.scenario.Node.Entry;
import dev.streamstorm.scenario.PresetDefaults.StreamRules;
import dev.streamstorm.scenario.StreamSpec.Match;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads {@code stream:} over the preset's rules: each key given replaces the preset's; a key given
 * as null (YAML {@code tokenWhen: ~}) removes the preset's optional rule.
 */
final class StreamReader {
  static final List<String> KEYS =
      List.of("token", "tokenWhen", "done", "tokenCount", "usage", "error");
  static final List<String> MATCH_KEYS = List.of("event", "data", "json", "equals");
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Values values;

  StreamReader(Values values) {
    this.values = values;
  }

  /**
   * @param missing the error for a required rule (token, done) that neither file nor preset gives
   */
  StreamSpec read(
      Optional<MapReader> file, StreamRules preset, Function<String, ScenarioException> missing) {
    StreamRules written = file.map(this::rules).orElse(preset);
    Picker pick = new Picker(file, written, preset);
    Optional<String> token = pick.get("token", StreamRules::token);
    Optional<Match> tokenWhen = pick.get("tokenWhen", StreamRules::tokenWhen);
    Optional<Match> done = pick.get("done", StreamRules::done);
    Optional<String> tokenCount = pick.get("tokenCount", StreamRules::tokenCount);
    Map<String, String> usage = pick.get("usage", StreamRules::usage);
    Optional<Match> error = pick.get("error", StreamRules::error);
    return new StreamSpec(
        token.orElseThrow(supply(missing, "stream.token")),
        tokenWhen,
        done.orElseThrow(supply(missing, "stream.done")),
        tokenCount,
        usage,
        error);
  }

  /** The file's rule when the file names the key (even as null), else the preset's. */
  private record Picker(Optional<MapReader> file, StreamRules written, StreamRules preset) {
    <T> T get(String key, Function<StreamRules, T> rule) {
      boolean named = file.flatMap(r -> r.entry(key)).isPresent();
      return rule.apply(named ? written : preset);
    }
  }

  private static Supplier<ScenarioException> supply(
      Function<String, ScenarioException> missing, String key) {
    return () -> missing.apply(key);
  }

  private StreamRules rules(MapReader r) {
    return new StreamRules(
        r.get("token").map(n -> pointer(r.path("token"), n)),
        r.get("tokenWhen").map(n -> match(r.path("tokenWhen"), n)),
        r.get("done").map(n -> match(r.path("done"), n)),
        r.get("tokenCount").map(n -> pointer(r.path("tokenCount"), n)),
        r.get("usage").map(n -> usage(r.path("usage"), n)).orElse(Map.of()),
        r.get("error").map(n -> match(r.path("error"), n)));
  }

  /** An RFC 6901 JSON Pointer such as {@code /choices/0/delta/content}. */
  String pointer(String path, Node node) {
    String text = values.text(path, node);
    try {
      JsonPointer.compile(text);
      return text;
    } catch (IllegalArgumentException e) {
      throw values.expected(node, path, "a JSON Pointer like /choices/0/delta/content");
    }
  }

  Match match(String path, Node node) {
    MapReader m = new MapReader(values, path, values.map(path, node), MATCH_KEYS);
    int forms = (m.has("event") ? 1 : 0) + (m.has("data") ? 1 : 0) + (m.has("json") ? 1 : 0);
    if (forms != 1) {
      throw values.error(
          node,
          path,
          forms == 0
              ? "expected one of { event: NAME }, { data: TEXT } or { json: /POINTER, equals:"
                  + " VALUE }"
              : "give only one of event, data or json");
    }
    if (m.has("equals") && !m.has("json")) {
      throw m.error("equals", "equals goes with json: { json: /type, equals: done }");
    }
    if (m.has("event")) {
      return Match.event(m.text("event").orElseThrow());
    }
    if (m.has("data")) {
      return Match.data(m.text("data").orElseThrow());
    }
    String pointer = pointer(m.path("json"), m.get("json").orElseThrow());
    return m.text("equals").map(v -> Match.json(pointer, v)).orElse(Match.jsonPresent(pointer));
  }

  private Map<String, String> usage(String path, Node node) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Entry e : values.map(path, node).entries().values()) {
      if (!NAME.matcher(e.key()).matches()) {
        throw values
            .source()
            .error(e.keyPos(), path + ": expected a name like llm_calls, got '" + e.key() + "'");
      }
      if (MetricKind.isBuiltIn(e.key())) {
        throw values
            .source()
            .error(
                e.keyPos(),
                path + ": '" + e.key() + "' is a built-in metric; give the usage another name");
      }
      out.put(e.key(), pointer(path + "." + e.key(), e.value()));
    }
    return Collections.unmodifiableMap(out);
  }
}
