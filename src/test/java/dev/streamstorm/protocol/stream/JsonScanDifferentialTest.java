package dev.streamstorm.protocol.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Holds the byte scanner to Jackson: on generated documents shaped like streaming chunks, and on
 * every kind of damage to them (cut anywhere, a byte replaced, inserted or removed), both must give
 * the same verdict (valid or malformed) and, when valid, find the same targets with the same
 * values.
 */
class JsonScanDifferentialTest {

  private static final String[] KEYS = {
    "choices",
    "delta",
    "content",
    "usage",
    "completion_tokens",
    "prompt_tokens",
    "type",
    "error",
    "index",
    "id",
    "text",
    "a/b",
    "m~n",
    "é",
    "",
    "con\\u0074ent",
    "x"
  };

  private static final byte[] DAMAGE = bytes("{}[]\",:\\ \t\n0-.eE+tnfx\u0000\u001f");
  private static final int[] HIGH_BYTES = {
    0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF8, 0xFF
  };

  private final Random random = new Random(20261130);

  /** Per-message values of the STRING expectations that come from templates. */
  private static final String[] PER_MESSAGE = {"msg-1-1-1", "é"};

  private static List<PointerTree> trees() {
    List<PointerTree> trees = new ArrayList<>();
    PointerTree openAi = new PointerTree();
    openAi.text("/choices/0/delta/content", "token");
    openAi.text("/choices/0/delta/text", "token");
    openAi.count("/usage/completion_tokens", "tokenCount");
    openAi.number("/usage/prompt_tokens", "usage.prompt");
    openAi.number("/usage/total", "usage.total");
    openAi.match("/error", "error", PointerTree.Expectation.PRESENT);
    trees.add(openAi);
    PointerTree matches = new PointerTree();
    matches.text("/delta/text", "token");
    matches.match("/type", "tokenWhen", PointerTree.Expectation.string("content_block_delta"));
    matches.match("/done", "done", PointerTree.Expectation.string("true"));
    matches.match("/done", "done", PointerTree.Expectation.of(PointerTree.ExpectedKind.TRUE));
    matches.match("/type", "done", PointerTree.Expectation.of(PointerTree.ExpectedKind.NULL));
    matches.match("/error/type", "error", PointerTree.Expectation.string("é"));
    matches.match("/id", "match", PointerTree.Expectation.perMessage(0));
    matches.match("/type", "match", PointerTree.Expectation.perMessage(1));
    trees.add(matches);
    PointerTree escapes = new PointerTree();
    escapes.text("/a~1b/m~0n", "token");
    escapes.count("/content", "tokenCount");
    escapes.number("/é/1", "usage.x");
    escapes.match("/index", "done", PointerTree.Expectation.number(-500));
    escapes.match("/index", "done", PointerTree.Expectation.of(PointerTree.ExpectedKind.FALSE));
    trees.add(escapes);
    PointerTree root = new PointerTree();
    root.text("", "token");
    root.match("", "done", PointerTree.Expectation.of(PointerTree.ExpectedKind.NULL));
    root.match("", "done", PointerTree.Expectation.PRESENT);
    trees.add(root);
    return trees;
  }

  @Test
  void generatedDocumentsGetJacksonsVerdictAndValues() {
    List<PointerTree> trees = trees();
    int valid = 0;
    int malformed = 0;
    for (int n = 0; n < 20_000; n++) {
      byte[] doc = bytes(value(0, n % 3 == 0));
      byte[] damaged = n % 2 == 0 ? doc : damage(doc);
      for (PointerTree tree : trees) {
        if (compare(tree, damaged)) {
          valid++;
        } else {
          malformed++;
        }
      }
    }
    // Both verdicts must be well represented, or the comparison proves little.
    assertThat(valid).isGreaterThan(30_000);
    assertThat(malformed).isGreaterThan(10_000);
  }

  @Test
  void everyCutOfARealChunkIsTruncatedForBoth() {
    byte[] chunk =
        bytes(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" caf\\u00e9 \\\"é😀\"},"
                + "\"finish_reason\":null}],\"usage\":{\"completion_tokens\":12,"
                + "\"prompt_tokens\":-1.5e2,\"total\":true}}");
    for (PointerTree tree : trees()) {
      assertThat(compare(tree, chunk)).isTrue();
      for (int cut = 0; cut < chunk.length; cut++) {
        compare(tree, Arrays.copyOf(chunk, cut));
      }
    }
  }

  @Test
  void deepNestingIsRefusedPastJacksonsLimit() {
    PointerTree tree = trees().get(0);
    assertThat(compare(tree, bytes("[".repeat(500) + "]".repeat(500)))).isTrue();
    assertThat(compare(tree, bytes("[".repeat(2_000) + "]".repeat(2_000)))).isFalse();
    JsonScan scan = new JsonScan();
    scan.enter();
    try {
      String atLimit = "[".repeat(JsonScan.MAX_DEPTH) + "]".repeat(JsonScan.MAX_DEPTH);
      assertThat(scan.scan(tree, bytes(atLimit), 0, atLimit.length())).isTrue();
      String bomb = "[".repeat(100_000);
      assertThat(scan.scan(tree, bytes(bomb), 0, bomb.length())).isFalse();
      assertThat(scan.malformedReason()).contains("nesting deeper than 1000");
    } finally {
      scan.exit();
    }
  }

  /** Scans {@code doc} both ways and asserts they agree; returns whether it was valid. */
  private static boolean compare(PointerTree tree, byte[] doc) {
    String shown = new String(doc, StandardCharsets.UTF_8);
    JsonScan ours = new JsonScan();
    ours.enter();
    JacksonJsonScan jackson = new JacksonJsonScan();
    try {
      boolean ourVerdict = ours.scan(tree, doc, 0, doc.length, PER_MESSAGE);
      boolean jacksonVerdict = jackson.scan(tree, doc, 0, doc.length, PER_MESSAGE);
      if (!ourVerdict && jacksonVerdict && ours.malformedReason().contains("UTF-8")) {
        // Jackson lets some bytes that are never UTF-8 through (0xFF in a field name); we refuse
        // them, and only them.
        assertThat(isUtf8(doc)).as("refused as UTF-8: %s", shown).isFalse();
        return false;
      }
      assertThat(ourVerdict)
          .as(
              "verdict on %s (Jackson: %s, ours: %s)",
              shown, jackson.malformedReason(), ours.malformedReason())
          .isEqualTo(jacksonVerdict);
      if (!ourVerdict) {
        assertThat(ours.malformedReason()).isNotBlank();
        return false;
      }
      Findings mine = ours.findings();
      Findings theirs = jackson.findings();
      for (int t = 0; t < tree.targetCount(); t++) {
        assertThat(mine.found(t)).as("target %d found in %s", t, shown).isEqualTo(theirs.found(t));
        if (!mine.found(t)) {
          continue;
        }
        switch (tree.kind(t)) {
          case TEXT ->
              assertThat(new String(mine.text(t), 0, mine.textLength(t)))
                  .as("text %d in %s", t, shown)
                  .isEqualTo(new String(theirs.text(t), 0, theirs.textLength(t)));
          case COUNT ->
              assertThat(mine.count(t)).as("count %d in %s", t, shown).isEqualTo(theirs.count(t));
          case NUMBER ->
              assertThat(mine.number(t))
                  .as("number %d in %s", t, shown)
                  .isEqualTo(theirs.number(t));
          default -> {}
        }
      }
      return true;
    } finally {
      ours.exit();
    }
  }

  private String value(int depth, boolean chunkShaped) {
    if (chunkShaped && depth == 0) {
      return chunk();
    }
    int kind = random.nextInt(depth >= 4 ? 3 : 5);
    return switch (kind) {
      case 0 -> string();
      case 1 -> number();
      case 2 -> List.of("true", "false", "null").get(random.nextInt(3));
      case 3 -> object(depth);
      default -> array(depth);
    };
  }

  private String chunk() {
    String content = random.nextInt(8) == 0 ? number() : string();
    return "{\"id\":"
        + string()
        + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
        + content
        + ",\"text\":"
        + string()
        + "}}],\"type\":"
        + (random.nextBoolean() ? "\"content_block_delta\"" : string())
        + ",\"usage\":{\"completion_tokens\":"
        + number()
        + ",\"prompt_tokens\":"
        + number()
        + "}"
        + (random.nextInt(4) == 0 ? ",\"error\":" + value(2, false) : "")
        + (random.nextInt(4) == 0 ? ",\"choices\":[{\"delta\":{\"content\":\"second\"}}]" : "")
        + "}";
  }

  private String object(int depth) {
    StringBuilder sb = new StringBuilder("{");
    int fields = random.nextInt(4);
    for (int i = 0; i < fields; i++) {
      sb.append(i > 0 ? "," : "").append(whitespace());
      sb.append('"').append(KEYS[random.nextInt(KEYS.length)]).append('"');
      sb.append(whitespace()).append(':').append(whitespace()).append(value(depth + 1, false));
    }
    return sb.append(whitespace()).append('}').toString();
  }

  private String array(int depth) {
    StringBuilder sb = new StringBuilder("[");
    int elements = random.nextInt(4);
    for (int i = 0; i < elements; i++) {
      sb.append(i > 0 ? "," : "").append(whitespace()).append(value(depth + 1, false));
    }
    return sb.append(whitespace()).append(']').toString();
  }

  private String string() {
    StringBuilder sb = new StringBuilder("\"");
    int length = random.nextInt(8);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(10)) {
        case 0 -> sb.append("\\n");
        case 1 -> sb.append("\\\"");
        case 2 -> sb.append("\\u00e9");
        case 3 -> sb.append("\\ud83d\\ude00");
        case 4 -> sb.append("é");
        case 5 -> sb.append("😀");
        case 6 -> sb.append("語");
        case 7 -> sb.append("\\/\\\\\\t");
        default -> sb.append((char) ('a' + random.nextInt(26)));
      }
    }
    if (random.nextInt(6) == 0) {
      return "\""
          + List.of("content_block_delta", "true", "é", "null", "-0.5e3", "msg-1-1-1")
              .get(random.nextInt(6))
          + "\"";
    }
    return sb.append('"').toString();
  }

  private String number() {
    return switch (random.nextInt(10)) {
      case 0 -> "0";
      case 8 -> "-500";
      case 1 -> "-0";
      case 2 -> Integer.toString(random.nextInt(1_000_000) - 500_000);
      case 3 -> Long.toString(random.nextLong());
      case 4 -> "12345678901234567890123";
      case 5 -> "-0.5e3";
      case 6 -> random.nextInt(100) + "." + random.nextInt(1000);
      case 7 -> random.nextInt(10) + "E" + (random.nextBoolean() ? "+" : "-") + random.nextInt(30);
      default -> "1.5e308";
    };
  }

  private String whitespace() {
    return switch (random.nextInt(6)) {
      case 0 -> " ";
      case 1 -> "\n\t ";
      case 2 -> "\r\n";
      default -> "";
    };
  }

  private byte[] damage(byte[] doc) {
    if (doc.length == 0) {
      return doc;
    }
    int at = random.nextInt(doc.length);
    byte b =
        random.nextInt(4) == 0
            ? (byte) HIGH_BYTES[random.nextInt(HIGH_BYTES.length)]
            : DAMAGE[random.nextInt(DAMAGE.length)];
    return switch (random.nextInt(4)) {
      case 0 -> Arrays.copyOf(doc, at);
      case 1 -> {
        byte[] out = doc.clone();
        out[at] = b;
        yield out;
      }
      case 2 -> {
        byte[] out = new byte[doc.length + 1];
        System.arraycopy(doc, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(doc, at, out, at + 1, doc.length - at);
        yield out;
      }
      default -> {
        byte[] out = new byte[doc.length - 1];
        System.arraycopy(doc, 0, out, 0, at);
        System.arraycopy(doc, at + 1, out, at, doc.length - at - 1);
        yield out;
      }
    };
  }

  private static boolean isUtf8(byte[] doc) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(doc));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
