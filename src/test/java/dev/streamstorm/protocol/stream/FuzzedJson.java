package dev.streamstorm.protocol.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON documents and pointer targets built from a fuzzer's choices: shaped like streaming chunks,
 * from a small vocabulary shared by keys and pointers (so that pointers find things), with the
 * awkward parts of the grammar (escapes, surrogates, every number form, repeated keys, nesting at
 * the depth limit) and damage done to the bytes afterwards. Any source of choices will do: the
 * fuzzer's input, or a seeded {@link java.util.Random}.
 */
final class FuzzedJson {

  /** Picks a number in {@code [0, max]}; a source that has run out answers 0. */
  @FunctionalInterface
  interface Choice {
    int upTo(int max);

    default <T> T of(T[] options) {
      return options[upTo(options.length - 1)];
    }
  }

  /** Per-message values of the STRING expectations that come from templates, by slot. */
  static final String[] PER_MESSAGE = {"msg-1-1-1", "é"};

  /** Keys of documents and segments of pointers alike. */
  private static final String[] SEGMENTS = {
    "choices",
    "0",
    "1",
    "delta",
    "content",
    "text",
    "type",
    "usage",
    "completion_tokens",
    "error",
    "id",
    "a/b",
    "m~n",
    "é",
    "",
    "00",
    "-",
    "x",
    "😀"
  };

  private static final String[] STRING_VALUES = {
    "content_block_delta", "true", "é", "null", "-0.5e3", "msg-1-1-1", "", "token", "😀"
  };

  private static final double[] NUMBER_VALUES = {0, -500, 7, 1.5, -0.0, 1e300};

  private static final String[] WHITESPACE = {"", "", " ", "\n\t ", "\r\n"};

  private static final byte[] DAMAGE =
      "{}[]\",:\\ \t\n0-.eE+tnfxu\u0000\u001f".getBytes(StandardCharsets.ISO_8859_1);

  private static final int[] HIGH_BYTES = {
    0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF5, 0xF8, 0xFF
  };

  private final Choice choice;

  FuzzedJson(Choice choice) {
    this.choice = choice;
  }

  /** One to six targets of every kind, at pointers of up to three segments. */
  List<ScanTarget> targets() {
    List<ScanTarget> targets = new ArrayList<>();
    int count = 1 + choice.upTo(5);
    for (int i = 0; i < count; i++) {
      PointerTree.Kind kind = choice.of(PointerTree.Kind.values());
      targets.add(
          new ScanTarget(pointer(), kind, kind == PointerTree.Kind.MATCH ? expectation() : null));
    }
    return targets;
  }

  /** A document, as UTF-8. */
  byte[] document() {
    String doc = choice.upTo(20) == 0 ? deeplyNested() : whitespace() + value(0) + whitespace();
    return doc.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code doc} cut, or with one byte replaced, inserted or removed; or as it was. */
  byte[] damage(byte[] doc) {
    int op = choice.upTo(5);
    if (op <= 1 || doc.length == 0) {
      return doc;
    }
    int at = choice.upTo(doc.length - 1);
    byte b = damageByte();
    byte[] out;
    switch (op) {
      case 2 -> out = java.util.Arrays.copyOf(doc, at);
      case 3 -> {
        out = doc.clone();
        out[at] = b;
      }
      case 4 -> {
        out = new byte[doc.length + 1];
        System.arraycopy(doc, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(doc, at, out, at + 1, doc.length - at);
      }
      default -> {
        out = new byte[doc.length - 1];
        System.arraycopy(doc, 0, out, 0, at);
        System.arraycopy(doc, at + 1, out, at, doc.length - at - 1);
      }
    }
    return out;
  }

  private byte damageByte() {
    return switch (choice.upTo(2)) {
      case 0 -> DAMAGE[choice.upTo(DAMAGE.length - 1)];
      case 1 -> (byte) HIGH_BYTES[choice.upTo(HIGH_BYTES.length - 1)];
      default -> (byte) choice.upTo(255);
    };
  }

  private String pointer() {
    StringBuilder p = new StringBuilder();
    int segments = choice.upTo(3);
    for (int i = 0; i < segments; i++) {
      p.append('/').append(choice.of(SEGMENTS).replace("~", "~0").replace("/", "~1"));
    }
    return p.toString();
  }

  private PointerTree.Expectation expectation() {
    return switch (choice.upTo(6)) {
      case 0 -> PointerTree.Expectation.PRESENT;
      case 1 -> PointerTree.Expectation.string(choice.of(STRING_VALUES));
      case 2 -> PointerTree.Expectation.perMessage(choice.upTo(2));
      case 3 ->
          PointerTree.Expectation.number(NUMBER_VALUES[choice.upTo(NUMBER_VALUES.length - 1)]);
      case 4 -> PointerTree.Expectation.of(PointerTree.ExpectedKind.TRUE);
      case 5 -> PointerTree.Expectation.of(PointerTree.ExpectedKind.FALSE);
      default -> PointerTree.Expectation.of(PointerTree.ExpectedKind.NULL);
    };
  }

  private String value(int depth) {
    return switch (choice.upTo(depth >= 5 ? 2 : 4)) {
      case 0 -> string(choice.upTo(5) == 0 ? choice.of(STRING_VALUES) : null);
      case 1 -> number();
      case 2 -> choice.of(new String[] {"true", "false", "null"});
      case 3 -> object(depth);
      default -> array(depth);
    };
  }

  private String object(int depth) {
    StringBuilder sb = new StringBuilder("{");
    int fields = choice.upTo(4);
    for (int i = 0; i < fields; i++) {
      sb.append(i > 0 ? "," : "").append(whitespace()).append(key());
      sb.append(whitespace()).append(':').append(whitespace()).append(value(depth + 1));
    }
    return sb.append(whitespace()).append('}').toString();
  }

  private String array(int depth) {
    StringBuilder sb = new StringBuilder("[");
    int elements = choice.upTo(4);
    for (int i = 0; i < elements; i++) {
      sb.append(i > 0 ? "," : "").append(whitespace()).append(value(depth + 1));
    }
    return sb.append(whitespace()).append(']').toString();
  }

  /** A key from the vocabulary, sometimes written with escapes that decode to it. */
  private String key() {
    String name = choice.of(SEGMENTS);
    if (choice.upTo(4) != 0) {
      return '"' + escapeMinimally(name) + '"';
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < name.length(); i++) {
      sb.append(String.format("\\u%04x", (int) name.charAt(i)));
    }
    return sb.append('"').toString();
  }

  /** A string: {@code plain} when given, else pieces of every kind of content. */
  private String string(String plain) {
    if (plain != null) {
      return '"' + escapeMinimally(plain) + '"';
    }
    StringBuilder sb = new StringBuilder("\"");
    int pieces = choice.upTo(6);
    for (int i = 0; i < pieces; i++) {
      switch (choice.upTo(9)) {
        case 0 -> sb.append("\\n");
        case 1 -> sb.append("\\\"\\\\\\/\\b\\f\\r\\t");
        case 2 -> sb.append("\\u00e9\\u20AC");
        case 3 -> sb.append("\\ud83d\\ude00");
        case 4 -> sb.append("\\udc00\\ud800"); // unpaired surrogates, as a server may send
        case 5 -> sb.append("é€😀語");
        case 6 -> sb.append('\u007f');
        default -> sb.append((char) ('a' + choice.upTo(25)));
      }
    }
    return sb.append('"').toString();
  }

  private String number() {
    return switch (choice.upTo(13)) {
      case 0 -> "0";
      case 1 -> "-0";
      case 2 -> "-500";
      case 3 -> Integer.toString(choice.upTo(2_000_000) - 1_000_000);
      case 4 -> "9223372036854775807";
      case 5 -> "-9223372036854775809";
      case 6 -> "12345678901234567890123";
      case 7 -> "-0.5e3";
      case 8 -> choice.upTo(100) + "." + choice.upTo(1000);
      case 9 -> choice.upTo(9) + (choice.upTo(1) == 0 ? "e" : "E") + sign() + choice.upTo(400);
      case 10 -> "1.5e308";
      case 11 -> "-0.0";
      // Around Jackson's limit on the length of a number (1,000 characters by default).
      case 12 -> "1" + "0".repeat(990 + choice.upTo(20));
      default -> "0." + "3".repeat(990 + choice.upTo(20));
    };
  }

  private String sign() {
    return choice.of(new String[] {"", "+", "-"});
  }

  private String whitespace() {
    return choice.of(WHITESPACE);
  }

  /** Arrays around Jackson's nesting limit (1,000 levels). */
  private String deeplyNested() {
    int depth = 995 + choice.upTo(10);
    return "[".repeat(depth) + value(5) + "]".repeat(depth);
  }

  private static String escapeMinimally(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
