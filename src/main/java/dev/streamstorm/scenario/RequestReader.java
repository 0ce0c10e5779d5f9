package dev.streamstorm.scenario;

import dev.streamstorm.scenario.Node.Entry;
import dev.streamstorm.scenario.PresetDefaults.RequestDefaults;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Reads {@code request:} mappings (a message, or the session set-up call) and header maps. */
final class RequestReader {
  static final List<String> KEYS = List.of("method", "path", "headers", "body");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final Templates templates;
  private final NodeReader values;

  RequestReader(Templates templates, NodeReader values) {
    this.templates = templates;
    this.values = values;
  }

  /**
   * A request whose missing keys come from {@code defaults}.
   *
   * @param path the resolved path (see {@link #path}) or empty when none exists anywhere
   * @param missingPath the error to raise when no path exists
   */
  RequestSpec read(
      Optional<MapReader> file,
      RequestDefaults defaults,
      Optional<HistoryFormat> history,
      Optional<Template> path,
      Supplier<ScenarioException> missingPath,
      TemplateScope scope) {
    String method =
        file.flatMap(r -> r.get("method").map(n -> method(r.path("method"), n)))
            .orElse(defaults.method());
    Map<String, Template> headers = new LinkedHashMap<>();
    defaults.headers().forEach((k, v) -> headers.put(k, Template.literal(v)));
    file.flatMap(r -> r.get("headers"))
        .ifPresent(n -> headers.putAll(headers(file.get().path("headers"), n, scope)));
    Optional<JsonTemplate> body =
        file.flatMap(r -> r.entry("body"))
            .map(e -> bodyOrNone(file.get().path("body"), e, scope))
            .orElseGet(() -> defaults.body().map(b -> templates.json(b, scope)));
    // The preset adds the conversation under its key, unless the body already writes that key.
    Optional<HistoryFormat> carried =
        history.filter(h -> body.map(b -> !b.tree().has(h.key())).orElse(true));
    return new RequestSpec(
        method, path.orElseThrow(missingPath), Collections.unmodifiableMap(headers), body, carried);
  }

  private Optional<JsonTemplate> bodyOrNone(String path, Entry e, TemplateScope scope) {
    if (e.value() instanceof Node.ScalarNode s && s.isNull()) {
      return Optional.empty();
    }
    return Optional.of(templates.json(path, e.value(), scope));
  }

  /**
   * The path of a request: the file's (after {@code prefix}), else {@code fallback}. A path written
   * in the file must start with '/'.
   */
  Optional<Template> path(
      Optional<MapReader> file, String prefix, Optional<String> fallback, TemplateScope scope) {
    Optional<Node> written = file.flatMap(r -> r.get("path"));
    if (written.isPresent()) {
      String key = file.get().path("path");
      Template t = templates.parse(key, written.get(), scope);
      if (!t.source().startsWith("/")) {
        throw values.expected(written.get(), key, "a path starting with '/'");
      }
      return Optional.of(prefixed(prefix, t));
    }
    return fallback.map(p -> prefixed(prefix, Template.literal(p)));
  }

  /** Headers: names are HTTP tokens, values are templates. */
  Map<String, Template> headers(String path, Node node, TemplateScope scope) {
    Map<String, Template> out = new LinkedHashMap<>();
    for (Entry e : values.map(path, node).entries().values()) {
      if (!HEADER_NAME.matcher(e.key()).matches()) {
        throw values
            .source()
            .error(e.keyPos(), path + ": '" + e.key() + "' is not a valid header name");
      }
      out.put(e.key(), templates.parse(path + "." + e.key(), e.value(), scope));
    }
    return Collections.unmodifiableMap(out);
  }

  private String method(String path, Node node) {
    String m = values.text(path, node).strip().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(m)) {
      throw values.expected(node, path, "an HTTP method (GET, POST, PUT, PATCH, DELETE)");
    }
    return m;
  }

  static Template prefixed(String prefix, Template t) {
    if (prefix.isEmpty()) {
      return t;
    }
    List<Template.Part> parts = new ArrayList<>();
    parts.add(new Template.Literal(prefix));
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Literal l
          && parts.size() == 1
          && parts.get(0) instanceof Template.Literal first) {
        parts.set(0, new Template.Literal(first.text() + l.text()));
      } else {
        parts.add(p);
      }
    }
    return new Template(prefix + t.source(), List.copyOf(parts));
  }
}
