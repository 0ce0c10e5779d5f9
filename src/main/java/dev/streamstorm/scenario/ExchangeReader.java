package dev.streamstorm.scenario;

import dev.streamstorm.scenario.Node.Entry;
import dev.streamstorm.scenario.PresetDefaults.RequestDefaults;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads what is exchanged with the server: the message request (SSE), the WebSocket endpoint and
 * frame, and the session set-up call; and resolves their paths against the target URL. A target URL
 * with a path is the message path when the scenario gives none; when it gives one, the URL's path
 * is a prefix of every path (message, WebSocket, session).
 */
final class ExchangeReader {
  static final List<String> SESSION_KEYS = List.of("request", "extract");
  static final List<String> WEBSOCKET_KEYS = List.of("path", "message");

  /** The three exchanges of one scenario. */
  record Exchanges(RequestSpec request, WebSocketSpec websocket, Optional<SessionSpec> session) {}

  private final Values values;
  private final Templates templates;
  private final RequestReader requests;
  private final StreamReader pointers;

  ExchangeReader(Values values, Templates templates) {
    this.values = values;
    this.templates = templates;
    this.requests = new RequestReader(templates, values);
    this.pointers = new StreamReader(values);
  }

  RequestReader requests() {
    return requests;
  }

  /** The session's {@code extract} names and pointers, needed before any template is read. */
  Map<String, String> extract(Optional<MapReader> session) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<Node> node = session.flatMap(s -> s.get("extract"));
    if (node.isEmpty()) {
      return out;
    }
    String path = session.get().path("extract");
    for (Entry e : values.map(path, node.get()).entries().values()) {
      if (!StreamReader.NAME.matcher(e.key()).matches()
          || TemplateScope.RESERVED.contains(e.key())) {
        throw values
            .source()
            .error(
                e.keyPos(),
                path
                    + ": expected a variable name that is not built in ("
                    + String.join(", ", new java.util.TreeSet<>(TemplateScope.RESERVED))
                    + "), got '"
                    + e.key()
                    + "'");
      }
      out.put(e.key(), pointers.pointer(path + "." + e.key(), e.value()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * @param missing the error for a key the preset has no default for (the generic preset's path)
   * @param targetError an error at the target (its value in the file, or its flag)
   */
  Exchanges read(
      MapReader root,
      TargetChoice target,
      ProtocolChoice.Choice choice,
      Scopes scopes,
      Map<String, String> extract,
      Function<String, ScenarioException> missing,
      Function<String, ScenarioException> targetError) {
    Optional<MapReader> request = root.map("request", RequestReader.KEYS);
    Optional<MapReader> ws = root.map("websocket", WEBSOCKET_KEYS);
    boolean sse = choice.protocol() == Protocol.SSE;
    boolean primaryPathGiven = (sse ? request : ws).map(r -> r.has("path")).orElse(false);
    String prefix = primaryPathGiven ? prefix(target, targetError) : "";
    Optional<String> fromUrl = primaryPathGiven ? Optional.empty() : target.urlPath();
    RequestDefaults defaults = PresetDefaults.request(choice.preset());
    Optional<String> requestFallback =
        (sse ? fromUrl : Optional.<String>empty()).or(defaults::path);
    RequestSpec message =
        requests.read(
            request,
            defaults,
            requests.path(request, prefix, requestFallback, scopes.message()),
            () -> missing.apply("request.path"),
            scopes.message());
    Optional<String> wsFallback =
        (sse ? Optional.<String>empty() : fromUrl)
            .or(() -> Optional.of(PresetDefaults.WEBSOCKET_PATH));
    WebSocketSpec websocket =
        new WebSocketSpec(
            requests.path(ws, prefix, wsFallback, scopes.connection()).orElseThrow(),
            ws.flatMap(r -> r.get("message"))
                .map(
                    n ->
                        templates.json(
                            ws.get().path("message"),
                            values.map(ws.get().path("message"), n),
                            scopes.message()))
                .orElseGet(
                    () -> templates.json(PresetDefaults.websocketMessage(), scopes.message())));
    Optional<SessionSpec> session =
        root.map("session", SESSION_KEYS).map(s -> session(s, prefix, scopes, extract));
    return new Exchanges(message, websocket, session);
  }

  private static String prefix(
      TargetChoice target, Function<String, ScenarioException> targetError) {
    String prefix = target.urlPath().orElse("").replaceAll("/+$", "");
    if (prefix.contains("?")) {
      throw targetError.apply(
          "a target URL whose path prefixes the scenario's paths cannot have a query");
    }
    return prefix;
  }

  private SessionSpec session(
      MapReader s, String prefix, Scopes scopes, Map<String, String> extract) {
    MapReader request =
        s.map("request", RequestReader.KEYS)
            .orElseThrow(
                () ->
                    values
                        .source()
                        .error(
                            s.pos(),
                            "session: missing key 'request' (e.g. request: { method: POST, path:"
                                + " /api/sessions })"));
    Optional<MapReader> r = Optional.of(request);
    RequestSpec spec =
        requests.read(
            r,
            new RequestDefaults("POST", Optional.empty(), Map.of(), Optional.empty()),
            requests.path(r, prefix, Optional.empty(), scopes.session()),
            () -> values.source().error(request.pos(), "session.request: missing key 'path'"),
            scopes.session());
    return new SessionSpec(spec, extract);
  }
}
