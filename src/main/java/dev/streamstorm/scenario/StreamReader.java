package dev.streamstorm.scenario;

import dev.streamstorm.metrics.threshold.MetricKind;
import dev.streamstorm.scenario.Node.Entry;
import dev.streamstorm.scenario.Node.ListNode;
import dev.streamstorm.scenario.Node.ScalarNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code stream:} over the preset's rules: each key given replaces the preset's; a key given
 * as null (YAML {@code tokenWhen: ~}) removes the preset's rule. The presets are written in the
 * same language (resources {@code presets/*.yaml}) and read by this class.
 */
final class StreamReader {
  static final List<String> KEYS =
      List.of(
          "token",
          "tokenWhen",
          "reasoning",
          "toolCall",
          "done",
          "requireDone",
          "tokenCount",
          "reasoningCount",
          "tokenCountIncludesReasoning",
          "inputCount",
          "usage",
          "error",
          "tokenizer",
          "requireEventStream",
          "maxEventBytes");
  static final List<String> CHANNEL_KEYS = List.of("token", "when");
  static final List<String> TOOL_CALL_KEYS = List.of("start", "when");
  static final List<String> USAGE_KEYS = List.of("json", "header", "aggregate", "unit");
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** The keyword of {@code token: data}: the event's raw data is the token. */
  static final String RAW_DATA = "data";

  /** What a removed key maps to in a rule set (a key given as null). */
  private static final Object REMOVED = new Object();

  private final NodeReader values;
  private final MatchReader matches;

  StreamReader(NodeReader values, Templates templates, TemplateScope scope) {
    this.values = values;
    this.matches = new MatchReader(values, templates, scope);
  }

  /**
   * The rules written in one {@code stream:} mapping, by key; a key written as null maps to a
   * marker that removes the preset's rule.
   */
  Map<String, Object> rules(MapReader r) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : KEYS) {
      Optional<Entry> entry = r.entry(key);
      if (entry.isEmpty()) {
        continue;
      }
      Node n = entry.get().value();
      if (n instanceof ScalarNode s && s.isNull()) {
        out.put(key, REMOVED);
        continue;
      }
      String path = r.path(key);
      out.put(
          key,
          switch (key) {
            case "token" -> token(path, n);
            case "tokenWhen", "done", "error" -> matches.read(path, n);
            case "reasoning" -> channel(path, n);
            case "toolCall" -> toolCall(path, n);
            case "requireDone", "tokenCountIncludesReasoning", "requireEventStream" ->
                values.bool(path, n);
            case "tokenCount", "reasoningCount", "inputCount" -> usageRule(path, n, false);
            case "usage" -> usage(path, n);
            case "maxEventBytes" -> values.size(path, n);
            default -> tokenizer(path, n);
          });
    }
    return out;
  }

  /**
   * The spec: the file's rules over the preset's.
   *
   * @param missing the error for a required rule that neither file nor preset gives
   */
  StreamSpec read(
      Optional<MapReader> file,
      Map<String, Object> preset,
      Protocol protocol,
      Function<String, ScenarioException> missing) {
    Map<String, Object> merged = new LinkedHashMap<>(preset);
    file.ifPresent(r -> merged.putAll(rules(r)));
    merged.values().removeIf(v -> v == REMOVED);
    TokenSource token = (TokenSource) merged.get("token");
    if (token == null) {
      throw missing.apply("stream.token");
    }
    StreamSpec.Builder b =
        StreamSpec.builder()
            .answer(new Channel(token, Optional.ofNullable((Match) merged.get("tokenWhen"))))
            .reasoning((Channel) merged.get("reasoning"))
            .toolCall((ToolCallRule) merged.get("toolCall"))
            .done((Match) merged.get("done"))
            .tokenCount((UsageRule) merged.get("tokenCount"))
            .reasoningCount((UsageRule) merged.get("reasoningCount"))
            .inputCount((UsageRule) merged.get("inputCount"))
            .error((Match) merged.get("error"));
    if (merged.get("tokenCountIncludesReasoning") instanceof Boolean includes) {
      b.tokenCountIncludesReasoning(includes);
    }
    if (merged.get("tokenizer") instanceof Tokenizer tokenizer) {
      b.tokenizer(tokenizer);
    }
    if (merged.get("requireEventStream") instanceof Boolean require) {
      b.requireEventStream(require);
    }
    if (merged.get("maxEventBytes") instanceof Integer max) {
      b.maxEventBytes(max);
    }
    @SuppressWarnings("unchecked")
    Map<String, UsageRule> usage = (Map<String, UsageRule>) merged.get("usage");
    if (usage != null) {
      b.usage(usage);
    }
    boolean requireDone = (Boolean) merged.getOrDefault("requireDone", false);
    if (!merged.containsKey("done")) {
      if (requireDone) {
        throw at(file, "requireDone", "requireDone needs a done rule (stream.done)")
            .orElseGet(() -> missing.apply("stream.done"));
      }
      if (protocol == Protocol.WEBSOCKET) {
        throw at(
                file,
                "done",
                "a WebSocket message ends only by its done rule (frames have no end of their"
                    + " own): give one, e.g. { json: /type, equals: done }")
            .orElseGet(() -> missing.apply("stream.done"));
      }
    }
    return b.requireDone(requireDone).build();
  }

  private Optional<ScenarioException> at(Optional<MapReader> file, String key, String message) {
    return file.flatMap(r -> r.entry(key))
        .map(e -> values.error(e.value(), file.get().path(key), message));
  }

  /** A pointer, a list of pointers (the first non-empty string wins) or {@code data}. */
  TokenSource token(String path, Node node) {
    if (node instanceof ScalarNode s && s.isString() && s.text().equals(RAW_DATA)) {
      return new TokenSource.RawData();
    }
    List<Node> items = node instanceof ListNode l ? l.items() : List.of(node);
    if (items.isEmpty()) {
      throw values.expected(node, path, "a JSON Pointer, a list of them, or data");
    }
    List<String> pointers = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = node instanceof ListNode ? path + "[" + i + "]" : path;
      Node item = items.get(i);
      if (!(item instanceof ScalarNode s) || !s.isString()) {
        throw values.expected(
            item,
            itemPath,
            "a JSON Pointer like /choices/0/delta/content, a list of them, or data");
      }
      if (!s.text().isEmpty() && !s.text().startsWith("/")) {
        throw values.expected(
            item,
            itemPath,
            "a JSON Pointer like /choices/0/delta/content, a list of them, or data");
      }
      pointers.add(MatchReader.pointer(values, itemPath, item));
    }
    return new TokenSource.Pointers(pointers);
  }

  private Channel channel(String path, Node node) {
    MapReader m = new MapReader(values, path, values.map(path, node), CHANNEL_KEYS);
    TokenSource token =
        m.get("token")
            .map(n -> token(m.path("token"), n))
            .orElseThrow(
                () ->
                    values.error(
                        node, path, "missing key 'token' (e.g. { token: /delta/thinking })"));
    return new Channel(token, m.get("when").map(n -> matches.read(m.path("when"), n)));
  }

  private ToolCallRule toolCall(String path, Node node) {
    MapReader m = new MapReader(values, path, values.map(path, node), TOOL_CALL_KEYS);
    Match start =
        m.get("start")
            .map(n -> matches.read(m.path("start"), n))
            .orElseThrow(
                () ->
                    values.error(
                        node,
                        path,
                        "missing key 'start': the event that starts a tool call (e.g. { json:"
                            + " /choices/0/delta/tool_calls/0/id })"));
    return new ToolCallRule(start, m.get("when").map(n -> matches.read(m.path("when"), n)));
  }

  /**
   * A number the server reports: a pointer, or {@code { json: /P | header: NAME, aggregate:
   * last|sum, unit: ms }} ({@code unit} only for usage).
   */
  private UsageRule usageRule(String path, Node node, boolean unitAllowed) {
    if (node instanceof ScalarNode) {
      return UsageRule.at(MatchReader.pointer(values, path, node));
    }
    MapReader m = new MapReader(values, path, values.map(path, node), USAGE_KEYS);
    Location at = location(m, node, path);
    UsageRule.Aggregate aggregate =
        m.get("aggregate")
            .map(
                n ->
                    values.choice(
                        m.path("aggregate"),
                        n,
                        "aggregate",
                        Map.of("last", UsageRule.Aggregate.LAST, "sum", UsageRule.Aggregate.SUM)))
            .orElse(UsageRule.Aggregate.LAST);
    if (m.has("unit") && !unitAllowed) {
      throw m.error("unit", "a token count has no unit");
    }
    UsageRule.Unit unit =
        m.get("unit")
            .map(n -> values.choice(m.path("unit"), n, "unit", Map.of("ms", UsageRule.Unit.MS)))
            .orElse(UsageRule.Unit.NONE);
    return new UsageRule(at, aggregate, unit);
  }

  /** {@code json: /POINTER} or {@code header: NAME}, exactly one. */
  Location location(MapReader m, Node node, String path) {
    if (m.has("json") == m.has("header")) {
      throw values.error(
          node, path, "give exactly one of json: /POINTER or header: NAME, where the value is");
    }
    return m.has("json")
        ? new Location.Json(MatchReader.pointer(values, m.path("json"), m.get("json").get()))
        : new Location.Header(header(m.path("header"), m.get("header").get()));
  }

  private String header(String path, Node node) {
    String name = values.text(path, node);
    if (!HEADER_NAME.matcher(name).matches()) {
      throw values.expected(node, path, "a header name like X-Usage-Tokens");
    }
    return name;
  }

  private Map<String, UsageRule> usage(String path, Node node) {
    Map<String, UsageRule> out = new LinkedHashMap<>();
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
      out.put(e.key(), usageRule(path + "." + e.key(), e.value(), true));
    }
    return Collections.unmodifiableMap(out);
  }

  private Tokenizer tokenizer(String path, Node node) {
    Map<String, Tokenizer> options = new LinkedHashMap<>();
    for (Tokenizer t : Tokenizer.values()) {
      options.put(t.id(), t);
    }
    return values.choice(path, node, "tokenizer", options);
  }
}
