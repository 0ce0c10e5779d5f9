package dev.streamstorm.scenario;

import com.fasterxml.jackson.core.JsonPointer;
import dev.streamstorm.scenario.Node.ListNode;
import dev.streamstorm.scenario.Node.ScalarNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link Match} rules: one of {@code event}, {@code data}, {@code json} (with an optional
 * typed {@code equals}), {@code anyOf}, {@code allOf} or {@code not} per mapping. A string {@code
 * equals} is a template of the message, so a reply can be matched to its request (a JSON-RPC id).
 */
final class MatchReader {
  static final List<String> KEYS =
      List.of("event", "data", "json", "equals", "anyOf", "allOf", "not");
  private static final List<String> FORMS =
      List.of("event", "data", "json", "anyOf", "allOf", "not");

  /** Deeper than this is a mistake, not a rule (and would make every event walk it). */
  private static final int MAX_DEPTH = 8;

  private final NodeReader values;
  private final Templates templates;
  private final TemplateScope scope;

  MatchReader(NodeReader values, Templates templates, TemplateScope scope) {
    this.values = values;
    this.templates = templates;
    this.scope = scope;
  }

  Match read(String path, Node node) {
    return read(path, node, 0);
  }

  private Match read(String path, Node node, int depth) {
    if (depth > MAX_DEPTH) {
      throw values.error(node, path, "rules nest deeper than " + MAX_DEPTH + " levels");
    }
    MapReader m = new MapReader(values, path, values.map(path, node), KEYS);
    List<String> given = FORMS.stream().filter(m::has).toList();
    if (given.size() != 1) {
      throw values.error(
          node,
          path,
          given.isEmpty()
              ? "expected one of { event: NAME }, { data: TEXT }, { json: /POINTER, equals: VALUE },"
                  + " { anyOf: [...] }, { allOf: [...] } or { not: {...} }"
              : "give only one of "
                  + String.join(" or ", given)
                  + " (combine rules with allOf: [...] or anyOf: [...])");
    }
    if (m.entry("equals").isPresent() && !m.has("json")) {
      throw values.error(
          m.entry("equals").get().value(),
          m.path("equals"),
          "equals goes with json: { json: /type, equals: done }");
    }
    return switch (given.get(0)) {
      case "event" -> new Match.Event(m.text("event").orElseThrow());
      case "data" -> new Match.Data(m.text("data").orElseThrow());
      case "json" ->
          new Match.Json(
              pointer(values, m.path("json"), m.get("json").orElseThrow()),
              m.entry("equals").map(e -> expected(m.path("equals"), e.value())));
      case "anyOf" -> new Match.AnyOf(list(m, "anyOf", depth));
      case "allOf" -> new Match.AllOf(list(m, "allOf", depth));
      default -> new Match.Not(read(m.path("not"), m.get("not").orElseThrow(), depth + 1));
    };
  }

  private List<Match> list(MapReader m, String key, int depth) {
    ListNode items = m.list(key).orElseThrow();
    if (items.items().isEmpty()) {
      throw m.error(key, "expected at least one rule in the list");
    }
    List<Match> out = new ArrayList<>();
    for (int i = 0; i < items.items().size(); i++) {
      out.add(read(m.path(key) + "[" + i + "]", items.items().get(i), depth + 1));
    }
    return List.copyOf(out);
  }

  /** The typed value {@code equals} compares with; a string is a template of the message. */
  private Match.Expected expected(String path, Node node) {
    if (!(node instanceof ScalarNode s)) {
      throw values.expected(node, path, "a string, number, true, false or null");
    }
    return switch (s.type()) {
      case STRING -> new Match.Text(templates.parse(path, node, scope));
      case INTEGER, DECIMAL -> new Match.Number(new BigDecimal(s.number().toString()));
      // YAML 1.1 reads yes/no/on/off as booleans; only true and false are JSON's.
      case BOOLEAN ->
          s.text().equals("true") || s.text().equals("false")
              ? new Match.Bool(s.truth())
              : new Match.Text(Template.literal(s.text()));
      case NULL -> new Match.Null();
    };
  }

  /** An RFC 6901 JSON Pointer such as {@code /choices/0/delta/content}, or the root {@code ""}. */
  static String pointer(NodeReader values, String path, Node node) {
    String text = values.text(path, node);
    try {
      JsonPointer.compile(text);
      return text;
    } catch (IllegalArgumentException e) {
      throw values.expected(
          node, path, "a JSON Pointer like /choices/0/delta/content (it starts with /)");
    }
  }
}
