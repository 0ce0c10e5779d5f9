package dev.streamstorm.scenario;

import java.util.List;
import java.util.Map;

/**
 * A scenario file parsed into a tree that remembers where every key and value was written, so that
 * every error can name its line and column. YAML and JSON give the same tree.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {

  Pos pos();

  /** The node as an error message shows what was found instead: {@code 'fast'}, a list, 5. */
  String describe();

  /** A mapping; entries in file order, keys unique. */
  record MapNode(Pos pos, Map<String, Entry> entries) implements Node {
    static MapNode empty(Pos pos) {
      return new MapNode(pos, Map.of());
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** One key of a mapping: the key as written, where it was written, and its value. */
  record Entry(String key, Pos keyPos, Node value) {}

  record ListNode(Pos pos, List<Node> items) implements Node {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A plain value.
   *
   * @param text the value as written (for a string, the string itself; YAML's {@code yes} stays
   *     {@code yes} even though it is a boolean)
   * @param value the parsed Number or Boolean of a number or boolean, else null
   */
  record ScalarNode(Pos pos, Type type, String text, Object value) implements Node {

    enum Type {
      STRING,
      INTEGER,
      DECIMAL,
      BOOLEAN,
      NULL
    }

    Number number() {
      return (Number) value;
    }

    boolean truth() {
      return Boolean.TRUE.equals(value);
    }

    boolean isNull() {
      return type == Type.NULL;
    }

    boolean isString() {
      return type == Type.STRING;
    }

    boolean isNumber() {
      return type == Type.INTEGER || type == Type.DECIMAL;
    }

    @Override
    public String describe() {
      return switch (type) {
        case STRING -> "'" + text + "'";
        case NULL -> "nothing";
        default -> text;
      };
    }
  }
}
