package dev.streamstorm.protocol.stream;

import com.fasterxml.jackson.core.JsonPointer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every JSON Pointer a stream spec needs, merged into one tree so that a single pass of a streaming
 * parser finds them all and skips every subtree no pointer enters. Immutable once built.
 *
 * <p>Targets are small ints, numbered as they are added, each of one {@link Kind}: a text to
 * capture (a channel's token), a count or a number to read (usage), or a value to compare (a match
 * rule's leaf).
 */
final class PointerTree {

  /** What a target wants from the value at its pointer. */
  enum Kind {
    /** A non-empty string, decoded. */
    TEXT,
    /** A number read as a whole count (a fraction is cut, as Jackson's getLongValue does). */
    COUNT,
    /** A number read as a double. */
    NUMBER,
    /** A comparison with an {@link Expectation}. */
    MATCH
  }

  /** What a MATCH target's value must be. */
  enum ExpectedKind {
    /** Present and not null (an object or array too). */
    PRESENT,
    STRING,
    NUMBER,
    TRUE,
    FALSE,
    NULL
  }

  /**
   * The value a MATCH target compares with.
   *
   * @param text for STRING, the string; null when it comes per message from {@code slot}
   * @param slot for STRING, the index of the per-message value, or -1
   * @param number for NUMBER, the value
   */
  record Expectation(ExpectedKind kind, String text, int slot, double number) {
    static final Expectation PRESENT = new Expectation(ExpectedKind.PRESENT, null, -1, 0);

    static Expectation string(String text) {
      return new Expectation(ExpectedKind.STRING, text, -1, 0);
    }

    static Expectation perMessage(int slot) {
      return new Expectation(ExpectedKind.STRING, null, slot, 0);
    }

    static Expectation number(double value) {
      return new Expectation(ExpectedKind.NUMBER, null, -1, value);
    }

    static Expectation of(ExpectedKind kind) {
      return new Expectation(kind, null, -1, 0);
    }
  }

  /** One position in the document that some pointer passes through or ends at. */
  static final class Node {
    private static final int[] NONE = new int[0];

    private final Map<String, Node> fields = new HashMap<>();
    private byte[][] fieldNamesUtf8 = new byte[0][];
    private Node[] fieldNodes = new Node[0];
    private int[] indexes = NONE;
    private Node[] indexNodes = new Node[0];
    private int[] targets = NONE;

    /** The child for object member {@code name}, or null when no pointer goes there. */
    Node field(String name) {
      return fields.get(name);
    }

    /**
     * The child for the object member whose name is the UTF-8 bytes {@code [from, to)} of {@code
     * bytes} (as written, without escapes), or null. A node has a handful of children at most: a
     * linear scan of their encoded names beats hashing a String made for the purpose.
     */
    Node field(byte[] bytes, int from, int to) {
      for (int i = 0; i < fieldNamesUtf8.length; i++) {
        if (Arrays.equals(fieldNamesUtf8[i], 0, fieldNamesUtf8[i].length, bytes, from, to)) {
          return fieldNodes[i];
        }
      }
      return null;
    }

    /** The child for array element {@code index}, or null when no pointer goes there. */
    Node element(int index) {
      for (int i = 0; i < indexes.length; i++) {
        if (indexes[i] == index) {
          return indexNodes[i];
        }
      }
      return null;
    }

    boolean hasFields() {
      return !fields.isEmpty();
    }

    boolean hasElements() {
      return indexes.length > 0;
    }

    /** Targets whose pointer ends here. */
    int[] targets() {
      return targets;
    }

    private Node child(String name, int index) {
      Node child = fields.get(name);
      if (child == null) {
        child = new Node();
        fields.put(name, child);
        fieldNamesUtf8 = Arrays.copyOf(fieldNamesUtf8, fieldNamesUtf8.length + 1);
        fieldNodes = Arrays.copyOf(fieldNodes, fieldNodes.length + 1);
        fieldNamesUtf8[fieldNamesUtf8.length - 1] = name.getBytes(StandardCharsets.UTF_8);
        fieldNodes[fieldNodes.length - 1] = child;
      }
      // Per RFC 6901 a token is an array index only when it is digits without a leading zero.
      if (index >= 0 && element(index) == null) {
        indexes = Arrays.copyOf(indexes, indexes.length + 1);
        indexNodes = Arrays.copyOf(indexNodes, indexNodes.length + 1);
        indexes[indexes.length - 1] = index;
        indexNodes[indexNodes.length - 1] = child;
      }
      return child;
    }

    private void addTarget(int target) {
      targets = Arrays.copyOf(targets, targets.length + 1);
      targets[targets.length - 1] = target;
    }
  }

  private final Node root = new Node();
  private Kind[] kinds = new Kind[0];
  private Expectation[] expectations = new Expectation[0];

  Node root() {
    return root;
  }

  int targetCount() {
    return kinds.length;
  }

  Kind kind(int target) {
    return kinds[target];
  }

  /** For a MATCH target, what its value must be. */
  Expectation expectation(int target) {
    return expectations[target];
  }

  /** A non-empty string at {@code pointer} (a token's text); returns its target. */
  int text(String pointer, String role) {
    return add(pointer, role, Kind.TEXT, null);
  }

  /** A whole count at {@code pointer}; returns its target. */
  int count(String pointer, String role) {
    return add(pointer, role, Kind.COUNT, null);
  }

  /** A number at {@code pointer}; returns its target. */
  int number(String pointer, String role) {
    return add(pointer, role, Kind.NUMBER, null);
  }

  /** A comparison of the value at {@code pointer} with {@code expected}; returns its target. */
  int match(String pointer, String role, Expectation expected) {
    return add(pointer, role, Kind.MATCH, expected);
  }

  /**
   * Adds {@code pointer} (RFC 6901, e.g. {@code /choices/0/delta/content}, with {@code ~0} and
   * {@code ~1} escapes) as the location of a new target.
   *
   * @throws IllegalArgumentException when {@code pointer} is not a JSON Pointer
   */
  private int add(String pointer, String role, Kind kind, Expectation expected) {
    JsonPointer parsed;
    try {
      parsed = JsonPointer.compile(pointer);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          role + ": '" + pointer + "' is not a JSON Pointer (it must be empty or start with /)", e);
    }
    Node node = root;
    for (JsonPointer p = parsed; !p.matches(); p = p.tail()) {
      node = node.child(p.getMatchingProperty(), p.getMatchingIndex());
    }
    int target = kinds.length;
    kinds = Arrays.copyOf(kinds, target + 1);
    expectations = Arrays.copyOf(expectations, target + 1);
    kinds[target] = kind;
    expectations[target] = expected;
    node.addTarget(target);
    return target;
  }
}
