package dev.streamstorm.engine;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamstorm.scenario.Channel;
import dev.streamstorm.scenario.Location;
import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.TokenSource;
import dev.streamstorm.scenario.UsageRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A message in a spec's own wire format, made up from its rules: answer tokens, reasoning, a tool
 * call, the numbers it reads and its end, each event built to satisfy the rule it stands for. Used
 * to run the per-message code paths before the clock starts (priming, the rehearsal); nothing here
 * reaches a server.
 */
final class SyntheticStream {

  /** One event: its SSE name (or null) and its data. */
  record Event(String name, String data) {
    Event withData(String other) {
      return new Event(name, other);
    }
  }

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int TOKENS = 8;

  private SyntheticStream() {}

  static List<Event> events(StreamSpec spec) {
    List<Event> out = new ArrayList<>();
    spec.reasoning().ifPresent(r -> out.add(token(r, " thought")));
    spec.toolCall().ifPresent(t -> out.add(satisfying(Optional.of(t.start()), JSON.objectNode())));
    for (int i = 0; i < TOKENS; i++) {
      out.add(token(spec.answer(), " word"));
    }
    ObjectNode numbers = JSON.objectNode();
    int[] n = {1};
    for (Optional<UsageRule> r :
        List.of(spec.tokenCount(), spec.reasoningCount(), spec.inputCount())) {
      r.ifPresent(rule -> putNumber(numbers, rule, n[0]++));
    }
    spec.usage().values().forEach(rule -> putNumber(numbers, rule, 1));
    if (!numbers.isEmpty()) {
      out.add(new Event(null, numbers.toString()));
    }
    spec.done().ifPresent(d -> out.add(satisfying(Optional.of(d), JSON.objectNode())));
    return out;
  }

  /** The events as an SSE stream. */
  static byte[] sse(StreamSpec spec) {
    StringBuilder sb = new StringBuilder();
    for (Event e : events(spec)) {
      if (e.name() != null) {
        sb.append("event: ").append(e.name()).append('\n');
      }
      sb.append("data: ").append(e.data()).append("\n\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The events' data as WebSocket text frames. */
  static List<String> frames(StreamSpec spec) {
    return events(spec).stream().map(Event::data).toList();
  }

  private static Event token(Channel c, String text) {
    if (c.token() instanceof TokenSource.Pointers p) {
      ObjectNode doc = JSON.objectNode();
      String pointer = p.pointers().get(0);
      if (pointer.isEmpty()) {
        return satisfying(c.when(), doc).withData(JSON.textNode(text).toString());
      }
      put(doc, pointer, JSON.textNode(text));
      return satisfying(c.when(), doc);
    }
    return new Event(null, text);
  }

  private static void putNumber(ObjectNode doc, UsageRule rule, long value) {
    if (rule.at() instanceof Location.Json j) {
      put(doc, j.pointer(), JSON.numberNode(value));
    }
  }

  /** An event that satisfies {@code rule} (when it can be satisfied simply), with {@code doc}. */
  private static Event satisfying(Optional<Match> rule, ObjectNode doc) {
    Builder b = new Builder(doc);
    rule.ifPresent(b::satisfy);
    return new Event(b.name, b.data != null ? b.data : doc.toString());
  }

  private static final class Builder {
    final ObjectNode doc;
    String name;
    String data;

    Builder(ObjectNode doc) {
      this.doc = doc;
    }

    void satisfy(Match m) {
      if (m instanceof Match.Event e) {
        name = e.name();
      } else if (m instanceof Match.Data d) {
        data = d.text();
      } else if (m instanceof Match.Json j) {
        put(doc, j.pointer(), value(j.equals()));
      } else if (m instanceof Match.AnyOf a) {
        satisfy(a.matches().get(0));
      } else if (m instanceof Match.AllOf a) {
        a.matches().forEach(this::satisfy);
      }
      // A "not" holds by leaving its value out.
    }

    private static JsonNode value(Optional<Match.Expected> expected) {
      if (expected.isEmpty()) {
        return JSON.textNode("x");
      }
      Match.Expected e = expected.get();
      if (e instanceof Match.Text t) {
        return JSON.textNode(t.value().isConstant() ? t.value().render(null) : "x");
      }
      if (e instanceof Match.Number n) {
        return JSON.numberNode(n.value());
      }
      if (e instanceof Match.Bool b) {
        return JSON.booleanNode(b.value());
      }
      return JSON.nullNode();
    }
  }

  /** Puts a value at a pointer of object keys (array indexes become keys: enough here). */
  private static void put(ObjectNode root, String pointer, JsonNode value) {
    JsonPointer p = JsonPointer.compile(pointer);
    if (p.matches()) {
      return;
    }
    ObjectNode node = root;
    while (!p.tail().matches()) {
      JsonNode child = node.get(p.getMatchingProperty());
      node = child instanceof ObjectNode o ? o : node.putObject(p.getMatchingProperty());
      p = p.tail();
    }
    node.set(p.getMatchingProperty(), value);
  }
}
