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
 * <p>Targets are small ints: the fixed ones below, then {@code USAGE_BASE + i} for the i-th usage
 * pointer.
 */
final class PointerTree {

  static final int TOKEN = 0;
  static final int TOKEN_COUNT = 1;
  static final int TOKEN_WHEN = 2;
  static final int DONE = 3;
  static final int ERROR = 4;
  static final int USAGE_BASE = 5;

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
  private final String[] expectedText;

  PointerTree(int targetCount) {
    this.expectedText = new String[targetCount];
  }

  Node root() {
    return root;
  }

  int targetCount() {
    return expectedText.length;
  }

  /** For a match target, the text the value at its pointer must equal. */
  String expectedText(int target) {
    return expectedText[target];
  }

  /**
   * Adds {@code pointer} (RFC 6901, e.g. {@code /choices/0/delta/content}, with {@code ~0} and
   * {@code ~1} escapes) as the location of {@code target}.
   *
   * @throws IllegalArgumentException when {@code pointer} is not a JSON Pointer
   */
  void add(String pointer, int target, String role) {
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
    node.addTarget(target);
  }

  void addMatch(String pointer, int target, String role, String expected) {
    add(pointer, target, role);
    expectedText[target] = expected;
  }
}
