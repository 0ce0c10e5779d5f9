package dev.streamstorm.scenario;

import dev.streamstorm.scenario.Node.Entry;
import dev.streamstorm.scenario.PresetDefaults.RequestDefaults;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads what is exchanged with the server: the message request (SSE), the WebSocket endpoint and
 * frame, and the session set-up calls; and resolves their paths against the target URL. A target
 * URL with a path is the message path when the scenario gives none; when it gives one, the URL's
 * path is a prefix of every path (message, WebSocket, session).
 */
final class ExchangeReader {
  static final List<String> SESSION_KEYS = List.of("request", "extract");
  static final List<String> WEBSOCKET_KEYS = List.of("path", "message", "maxMessageBytes");
  private static final List<String> EXTRACT_KEYS = List.of("json", "header");

  /** The three exchanges of one scenario. */
  record Exchanges(RequestSpec request, WebSocketSpec websocket, Optional<SessionSpec> session) {}

  /** The session steps as written: each step's mapping and what it extracts, in order. */
  record SessionSteps(List<MapReader> steps, List<Map<String, Location>> extracts) {
    static final SessionSteps NONE = new SessionSteps(List.of(), List.of());

    /** Every variable the session provides. */
    Set<String> names() {
      Set<String> names = new LinkedHashSet<>();
      extracts.forEach(e -> names.addAll(e.keySet()));
      return names;
    }

    boolean present() {
      return !steps.isEmpty();
    }
  }

  private final NodeReader values;
  private final Templates templates;
  private final RequestReader requests;
  private final StreamReader streams;

  ExchangeReader(NodeReader values, Templates templates, StreamReader streams) {
    this.values = values;
    this.templates = templates;
    this.requests = new RequestReader(templates, values);
    this.streams = streams;
  }

  RequestReader requests() {
    return requests;
  }

  /**
   * The session's steps ({@code session:} is one step's mapping or a list of them) and the
   * variables each extracts, needed before any template is read.
   */
  SessionSteps sessionSteps(MapReader root) {
    Optional<Node> node = root.get("session");
    if (node.isEmpty()) {
      return SessionSteps.NONE;
    }
    List<MapReader> steps = new ArrayList<>();
    if (node.get() instanceof Node.ListNode list) {
      if (list.items().isEmpty()) {
        throw values.expected(list, "session", "at least one step (a mapping with request:)");
      }
      for (int i = 0; i < list.items().size(); i++) {
        String path = "session[" + i + "]";
        Node item = list.items().get(i);
        steps.add(new MapReader(values, path, values.map(path, item), SESSION_KEYS));
      }
    } else {
      steps.add(new MapReader(values, "session", values.map("session", node.get()), SESSION_KEYS));
    }
    Set<String> seen = new LinkedHashSet<>();
    List<Map<String, Location>> extracts = new ArrayList<>();
    for (MapReader step : steps) {
      Map<String, Location> extract = extract(step, seen);
      seen.addAll(extract.keySet());
      extracts.add(extract);
    }
    return new SessionSteps(List.copyOf(steps), List.copyOf(extracts));
  }

  private Map<String, Location> extract(MapReader step, Set<String> earlier) {
    Map<String, Location> out = new LinkedHashMap<>();
    Optional<Node> node = step.get("extract");
    if (node.isEmpty()) {
      return out;
    }
    String path = step.path("extract");
    for (Entry e : values.map(path, node.get()).entries().values()) {
      if (!StreamReader.NAME.matcher(e.key()).matches()
          || TemplateScope.RESERVED.contains(e.key())) {
        throw values
            .source()
            .error(
                e.keyPos(),
                path
                    + ": expected a variable name that is not built in ("
                    + String.join(", ", new TreeSet<>(TemplateScope.RESERVED))
                    + "), got '"
                    + e.key()
                    + "'");
      }
      if (earlier.contains(e.key())) {
        throw values
            .source()
            .error(e.keyPos(), path + ": '" + e.key() + "' is extracted by an earlier step");
      }
      String keyPath = path + "." + e.key();
      out.put(
          e.key(),
          e.value() instanceof Node.ScalarNode
              ? new Location.Json(MatchReader.pointer(values, keyPath, e.value()))
              : streams.location(
                  new MapReader(values, keyPath, values.map(keyPath, e.value()), EXTRACT_KEYS),
                  e.value(),
                  keyPath));
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
      SessionSteps session,
      Function<String, ScenarioException> missing,
      Function<String, ScenarioException> targetError) {
    Optional<MapReader> request = root.map("request", RequestReader.KEYS);
    Optional<MapReader> ws = root.map("websocket", WEBSOCKET_KEYS);
    boolean sse = choice.protocol() == Protocol.SSE;
    boolean primaryPathGiven = (sse ? request : ws).map(r -> r.has("path")).orElse(false);
    String prefix = primaryPathGiven ? prefix(target, targetError) : "";
    Optional<String> fromUrl = primaryPathGiven ? Optional.empty() : target.urlPath();
    RequestDefaults defaults = PresetDefaults.request(choice.preset());
    // Over WebSocket, messages travel as frames: the request is unused, its path need not exist.
    Optional<String> requestFallback =
        (sse ? fromUrl : Optional.<String>empty())
            .or(defaults::path)
            .or(() -> sse ? Optional.empty() : Optional.of("/"));
    RequestSpec message =
        requests.read(
            request,
            defaults,
            PresetDefaults.history(choice.preset()),
            requests.path(request, prefix, requestFallback, scopes.message()),
            () -> missing.apply("request.path"),
            scopes.message());
    PresetDefaults.WebSocketDefaults wsDefaults = PresetDefaults.websocket(choice.preset());
    Optional<String> wsFallback =
        (sse ? Optional.<String>empty() : fromUrl).or(() -> Optional.of(wsDefaults.path()));
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
                .orElseGet(() -> templates.json(wsDefaults.message(), scopes.message())),
            ws.flatMap(r -> r.size("maxMessageBytes"))
                .orElse(WebSocketSpec.DEFAULT_MAX_MESSAGE_BYTES));
    Optional<SessionSpec> sessionSpec =
        session.present()
            ? Optional.of(session(session, prefix, scopes.session()))
            : Optional.empty();
    return new Exchanges(message, websocket, sessionSpec);
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

  private SessionSpec session(SessionSteps steps, String prefix, TemplateScope sessionScope) {
    List<SessionSpec.Step> out = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>(sessionScope.names());
    for (int i = 0; i < steps.steps().size(); i++) {
      MapReader s = steps.steps().get(i);
      TemplateScope scope =
          new TemplateScope(
              Set.copyOf(known),
              sessionScope.allNames(),
              steps.steps().size() == 1
                  ? "the session request is sent once per user before any conversation, so it"
                      + " knows only ${vu}"
                  : "a session step runs once per user before any conversation, so it knows only"
                      + " ${vu} and what earlier steps extracted");
      MapReader request =
          s.map("request", RequestReader.KEYS)
              .orElseThrow(
                  () ->
                      values
                          .source()
                          .error(
                              s.pos(),
                              s.path()
                                  + ": missing key 'request' (e.g. request: { method: POST, path:"
                                  + " /api/sessions })"));
      Optional<MapReader> r = Optional.of(request);
      RequestSpec spec =
          requests.read(
              r,
              new RequestDefaults("POST", Optional.empty(), Map.of(), Optional.empty()),
              Optional.empty(),
              requests.path(r, prefix, Optional.empty(), scope),
              () -> values.source().error(request.pos(), request.path() + ": missing key 'path'"),
              scope);
      Map<String, Location> extract = steps.extracts().get(i);
      out.add(new SessionSpec.Step(spec, extract));
      known.addAll(extract.keySet());
    }
    return new SessionSpec(out);
  }
}
