package dev.streamstorm.scenario;

import dev.streamstorm.scenario.ConversationSpec.Turn;
import dev.streamstorm.scenario.Node.ListNode;
import dev.streamstorm.scenario.Node.MapNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code conversations:}: a non-empty list of {@code {name, weight, turns}}, where a turn is
 * a message text or {@code {message, thinkTime}}.
 */
final class ConversationReader {
  static final List<String> KEYS = List.of("name", "weight", "turns");
  static final List<String> TURN_KEYS = List.of("message", "thinkTime");

  /** Names appear in threshold tags ({@code ttft{conversation:NAME}}) and result keys. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  /** The one conversation of a run that names none (flag-only, or a file without the key). */
  static final String DEFAULT_NAME = "default";

  static final String DEFAULT_MESSAGE = "Hello! Please tell me about streaming APIs.";

  private final NodeReader values;
  private final Templates templates;
  private final DelayReader delays;

  ConversationReader(NodeReader values, Templates templates) {
    this.values = values;
    this.templates = templates;
    this.delays = new DelayReader(values);
  }

  List<ConversationSpec> read(String path, Node node, TemplateScope scope) {
    ListNode list = values.list(path, node);
    if (list.items().isEmpty()) {
      throw values.error(
          node, path, "expected at least one conversation, e.g. - { name: chat, turns: [\"Hi\"] }");
    }
    List<ConversationSpec> out = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < list.items().size(); i++) {
      String at = path + "[" + i + "]";
      MapReader r = new MapReader(values, at, values.map(at, list.items().get(i)), KEYS);
      String name = r.text("name").orElse("conversation-" + (i + 1));
      if (!NAME.matcher(name).matches()) {
        throw r.error(
            "name", "expected a name of letters, digits, '_', '-' or '.', got '" + name + "'");
      }
      Integer earlier = names.putIfAbsent(name, i);
      if (earlier != null) {
        throw r.error(
            "name",
            "conversation '" + name + "' is already the name of " + path + "[" + earlier + "]");
      }
      double weight =
          r.get("weight").map(n -> values.positiveNumber(r.path("weight"), n)).orElse(1.0);
      Node turnsNode =
          r.get("turns")
              .orElseThrow(
                  () ->
                      values
                          .source()
                          .error(r.pos(), at + ": missing key 'turns' (the messages to send)"));
      out.add(new ConversationSpec(name, weight, turns(r.path("turns"), turnsNode, scope)));
    }
    return List.copyOf(out);
  }

  /** The one-turn conversation of a run whose messages are not given in a file. */
  static ConversationSpec single(Template message) {
    return new ConversationSpec(DEFAULT_NAME, 1.0, List.of(new Turn(message, null)));
  }

  private List<Turn> turns(String path, Node node, TemplateScope scope) {
    ListNode list = values.list(path, node);
    if (list.items().isEmpty()) {
      throw values.error(node, path, "expected at least one turn, e.g. [\"What are your hours?\"]");
    }
    List<Turn> turns = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      String at = path + "[" + i + "]";
      Node item = list.items().get(i);
      if (!(item instanceof MapNode map)) {
        turns.add(new Turn(templates.parse(at, item, scope), null));
        continue;
      }
      MapReader r = new MapReader(values, at, map, TURN_KEYS);
      Node message =
          r.get("message")
              .orElseThrow(() -> values.source().error(r.pos(), at + ": missing key 'message'"));
      Delay thinkTime =
          r.get("thinkTime").map(n -> delays.read(r.path("thinkTime"), n)).orElse(null);
      if (i == 0 && thinkTime != null) {
        throw r.error(
            "thinkTime",
            "the first turn follows no reply, so it has no think time; use pacing for a pause"
                + " between conversations");
      }
      turns.add(new Turn(templates.parse(r.path("message"), message, scope), thinkTime));
    }
    return List.copyOf(turns);
  }
}
