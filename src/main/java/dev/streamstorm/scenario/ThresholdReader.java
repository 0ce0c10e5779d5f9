package dev.streamstorm.scenario;

import dev.streamstorm.metrics.threshold.Threshold;
import dev.streamstorm.metrics.threshold.ThresholdParser;
import dev.streamstorm.metrics.threshold.ThresholdSyntaxException;
import dev.streamstorm.scenario.Node.Entry;
import dev.streamstorm.scenario.Node.ListNode;
import dev.streamstorm.scenario.Node.MapNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code thresholds:} (metric key to a list of expressions, each a string or {@code
 * {threshold, abortOnFail, delayAbortEval}}) and {@code --threshold} flags. Every expression is
 * parsed here, and its tags checked against the conversations, so that a bad one fails before any
 * traffic with its exact position.
 */
final class ThresholdReader {
  static final List<String> OBJECT_KEYS = List.of("threshold", "abortOnFail", "delayAbortEval");

  private final NodeReader values;

  ThresholdReader(NodeReader values) {
    this.values = values;
  }

  List<ThresholdSpec> read(Node node, List<ConversationSpec> conversations) {
    List<ThresholdSpec> out = new ArrayList<>();
    for (Entry e : values.map("thresholds", node).entries().values()) {
      String path = "thresholds." + e.key();
      List<Node> items = e.value() instanceof ListNode l ? l.items() : List.of(e.value());
      for (Node item : items) {
        out.add(one(e, path, item, conversations));
      }
    }
    return out;
  }

  private ThresholdSpec one(
      Entry key, String path, Node item, List<ConversationSpec> conversations) {
    Node expressionNode = item;
    boolean abortOnFail = false;
    Duration grace = Duration.ZERO;
    if (item instanceof MapNode map) {
      MapReader r = new MapReader(values, path, map, OBJECT_KEYS);
      expressionNode =
          r.get("threshold")
              .orElseThrow(
                  () ->
                      values
                          .source()
                          .error(
                              r.pos(),
                              path + ": missing key 'threshold' (e.g. threshold: \"p95 < 2s\")"));
      abortOnFail = r.bool("abortOnFail").orElse(false);
      if (r.has("delayAbortEval") && !abortOnFail) {
        throw r.error("delayAbortEval", "delayAbortEval goes with abortOnFail: true");
      }
      grace = r.duration("delayAbortEval").orElse(Duration.ZERO);
    }
    if (!(expressionNode instanceof Node.ScalarNode s && s.isString())) {
      throw values.expected(expressionNode, path, "an expression like \"p95 < 2s\"");
    }
    String expression = s.text();
    Threshold t;
    try {
      t = ThresholdParser.parse(key.key(), expression);
    } catch (ThresholdSyntaxException ex) {
      Pos at =
          ex.part() == ThresholdSyntaxException.Part.METRIC
              ? values.source().within(key.keyPos(), key.key(), ex.offset())
              : values.source().within(s.pos(), expression, ex.offset());
      throw values.source().error(at, path + ": " + ex.reason());
    }
    String problem = TagCheck.problem(t, conversations);
    if (problem != null) {
      int offset = Math.max(0, key.key().indexOf('{'));
      throw values
          .source()
          .error(values.source().within(key.keyPos(), key.key(), offset), path + ": " + problem);
    }
    return new ThresholdSpec(
        key.key(), expression.strip(), abortOnFail, grace, s.pos().line(), s.pos().column(), t);
  }

  /** A {@code --threshold} flag: errors name the flag and the column in it. */
  static ThresholdSpec flag(String flag, List<ConversationSpec> conversations) {
    Threshold t;
    try {
      t = ThresholdParser.parseFlag(flag);
    } catch (ThresholdSyntaxException ex) {
      throw new ScenarioException("--threshold '" + flag + "': " + ex.getMessage());
    }
    String problem = TagCheck.problem(t, conversations);
    if (problem != null) {
      throw new ScenarioException("--threshold '" + flag + "': " + problem);
    }
    String stripped = flag.strip();
    int keyEnd = keyEnd(stripped);
    return new ThresholdSpec(
        stripped.substring(0, keyEnd),
        stripped.substring(keyEnd).strip(),
        false,
        Duration.ZERO,
        0,
        0,
        t);
  }

  /** Where the metric key of a valid flag ends: after its tags, or after its name. */
  private static int keyEnd(String flag) {
    int brace = flag.indexOf('{');
    int space = flag.length();
    for (int i = 0; i < flag.length(); i++) {
      if (Character.isWhitespace(flag.charAt(i))) {
        space = i;
        break;
      }
    }
    return brace >= 0 && brace < space ? flag.indexOf('}') + 1 : space;
  }

  /** Tags must name a conversation and a turn that exist. */
  static final class TagCheck {
    private TagCheck() {}

    static String problem(Threshold t, List<ConversationSpec> conversations) {
      String name = t.tags().get("conversation");
      List<ConversationSpec> scope = conversations;
      if (name != null) {
        scope = conversations.stream().filter(c -> c.name().equals(name)).toList();
        if (scope.isEmpty()) {
          return "no conversation is named '"
              + name
              + "' (conversations: "
              + String.join(", ", conversations.stream().map(ConversationSpec::name).toList())
              + ")";
        }
      }
      String turn = t.tags().get("turn");
      if (turn != null && name == null) {
        // Turns are numbered within a conversation; results break them down that way.
        return "a turn tag needs a conversation tag too, e.g. {conversation:NAME,turn:"
            + turn
            + "}";
      }
      if (turn != null) {
        int most = scope.stream().mapToInt(c -> c.turns().size()).max().orElse(0);
        if (Integer.parseInt(turn) > most) {
          return "turn "
              + turn
              + " does not exist: "
              + (name == null ? "the longest conversation" : "conversation '" + name + "'")
              + " has "
              + most
              + " turn"
              + (most == 1 ? "" : "s");
        }
      }
      return null;
    }
  }
}
