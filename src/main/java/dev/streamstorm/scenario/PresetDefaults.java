package dev.streamstorm.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.scenario.Node.MapNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each preset supplies when a scenario leaves a key out, read from the preset's YAML resource
 * with the scenario readers (so a preset can say nothing a scenario could not). A file's {@code
 * request} and {@code stream} keys replace these one by one; request headers are merged (the file's
 * win). Loaded once per preset; immutable.
 */
final class PresetDefaults {

  /** Request defaults; {@code path} empty where the scenario must give one (generic). */
  record RequestDefaults(
      String method, Optional<String> path, Map<String, String> headers, Optional<JsonNode> body) {}

  /** The WebSocket endpoint and the frame one message sends. */
  record WebSocketDefaults(String path, JsonNode message) {}

  /** Everything one preset supplies. */
  record Defaults(
      RequestDefaults request,
      WebSocketDefaults websocket,
      Optional<HistoryFormat> history,
      Map<String, Object> streamRules) {}

  private static final List<String> KEYS =
      List.of("protocol", "request", "websocket", "history", "stream");
  private static final List<String> HISTORY_KEYS = List.of("key", "format");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WebSocketDefaults BENCH_WEBSOCKET =
      new WebSocketDefaults(
          "/ws", JSON.createObjectNode().put("type", "message").put("content", "${message}"));
  private static final Map<Preset, Defaults> LOADED = new EnumMap<>(Preset.class);

  private PresetDefaults() {}

  static Protocol protocol(Preset preset) {
    return preset.protocol();
  }

  static Preset forProtocol(Protocol protocol) {
    return protocol == Protocol.WEBSOCKET ? Preset.WEBSOCKET_JSON : Preset.OPENAI_CHAT;
  }

  static RequestDefaults request(Preset preset) {
    return of(preset).request();
  }

  static WebSocketDefaults websocket(Preset preset) {
    return of(preset).websocket();
  }

  static Optional<HistoryFormat> history(Preset preset) {
    return of(preset).history();
  }

  static Map<String, Object> stream(Preset preset) {
    return of(preset).streamRules();
  }

  static synchronized Defaults of(Preset preset) {
    return LOADED.computeIfAbsent(preset, PresetDefaults::load);
  }

  /** The preset's file as shipped, for documentation and tools. */
  static String text(Preset preset) {
    String resource = "presets/" + preset.id() + ".yaml";
    try (InputStream in = PresetDefaults.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("preset resource missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Defaults load(Preset preset) {
    String text = text(preset);
    Source source = new Source("preset " + preset.id() + ".yaml", text, Path.of("."));
    NodeReader values = new NodeReader(source);
    MapReader root = new MapReader(values, "", TreeParser.parse(source, text, false), KEYS);
    Templates templates = new Templates(values, name -> null);
    TemplateScope scope =
        new TemplateScope(
            TemplateScope.MESSAGE_VARIABLES, TemplateScope.MESSAGE_VARIABLES, "a preset");
    Map<String, Object> stream =
        root.map("stream", StreamReader.KEYS)
            .map(r -> new StreamReader(values, templates, scope).rules(r))
            .orElse(Map.of());
    Optional<HistoryFormat> history =
        root.map("history", HISTORY_KEYS)
            .map(
                h ->
                    new HistoryFormat(
                        h.text("key").orElseThrow(),
                        HistoryFormat.Shape.valueOf(
                            h.text("format").orElseThrow().toUpperCase(java.util.Locale.ROOT))));
    return new Defaults(
        request(root), websocket(root), history, java.util.Collections.unmodifiableMap(stream));
  }

  private static RequestDefaults request(MapReader root) {
    Optional<MapReader> r = root.map("request", RequestReader.KEYS);
    Map<String, String> headers = new LinkedHashMap<>();
    r.flatMap(m -> m.get("headers"))
        .ifPresent(
            n -> PlainJavaTree.map((MapNode) n).forEach((k, v) -> headers.put(k, (String) v)));
    return new RequestDefaults(
        r.flatMap(m -> m.text("method")).orElse("POST"),
        r.flatMap(m -> m.text("path")),
        Map.copyOf(headers),
        r.flatMap(m -> m.get("body")).map(PresetDefaults::json));
  }

  private static WebSocketDefaults websocket(MapReader root) {
    return root.map("websocket", ExchangeReader.WEBSOCKET_KEYS)
        .map(
            w ->
                new WebSocketDefaults(
                    w.text("path").orElseThrow(), json(w.get("message").orElseThrow())))
        .orElse(BENCH_WEBSOCKET);
  }

  private static JsonNode json(Node node) {
    return JSON.valueToTree(PlainJavaTree.value(node));
  }
}
