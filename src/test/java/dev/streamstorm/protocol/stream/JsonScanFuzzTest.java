package dev.streamstorm.protocol.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * {@link JsonScan} against Jackson's tree ({@link JacksonTreeReference}): on any bytes, and on
 * documents built from the fuzzer's choices, the scanner gives Jackson's verdict (valid or
 * malformed, with a reason) and, when valid, finds the targets {@code JsonNode.at} finds, with the
 * same text, count, number or match; nothing is thrown.
 *
 * <p>Input layout of {@link #agreesWithJacksonOnAnyBytes}: the document, then eight bytes that seed
 * the choice of targets; of {@link #agreesWithJacksonOnBuiltDocuments}: choices only.
 */
class JsonScanFuzzTest {

  /** Bytes around the document that would change a verdict if the scanner read past its range. */
  private static final byte[] BEFORE = "[\"1".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] AFTER = "0e\"}]".getBytes(StandardCharsets.US_ASCII);

  @FuzzTest(maxDuration = "10m")
  void agreesWithJacksonOnAnyBytes(FuzzedDataProvider input) {
    Random random = new Random(input.consumeLong());
    List<ScanTarget> targets = new FuzzedJson(max -> random.nextInt(max + 1)).targets();
    agreesWithJackson(targets, input.consumeRemainingAsBytes());
  }

  @FuzzTest(maxDuration = "10m")
  void agreesWithJacksonOnBuiltDocuments(FuzzedDataProvider input) {
    FuzzedJson json = new FuzzedJson(max -> input.consumeInt(0, max));
    List<ScanTarget> targets = json.targets();
    agreesWithJackson(targets, json.damage(json.document()));
  }

  /** Scans {@code doc} both ways and asserts they agree; returns whether it was valid. */
  static boolean agreesWithJackson(List<ScanTarget> targets, byte[] doc) {
    PointerTree tree = ScanTarget.treeOf(targets);
    String shown = new String(doc, StandardCharsets.UTF_8);
    byte[] framed = new byte[BEFORE.length + doc.length + AFTER.length];
    System.arraycopy(BEFORE, 0, framed, 0, BEFORE.length);
    System.arraycopy(doc, 0, framed, BEFORE.length, doc.length);
    System.arraycopy(AFTER, 0, framed, BEFORE.length + doc.length, AFTER.length);

    JacksonTreeReference jackson = new JacksonTreeReference();
    boolean jacksonVerdict = jackson.scan(targets, tree, doc, FuzzedJson.PER_MESSAGE);
    JsonScan ours = new JsonScan();
    ours.enter();
    try {
      boolean ourVerdict =
          ours.scan(tree, framed, BEFORE.length, doc.length, FuzzedJson.PER_MESSAGE);
      if (!ourVerdict && jacksonVerdict && ours.malformedReason().contains("UTF-8")) {
        // Jackson lets some bytes that are never UTF-8 through (0xFF in a field name); the
        // scanner refuses them, and only them.
        assertThat(isUtf8(doc)).as("refused as UTF-8: %s", shown).isFalse();
        return false;
      }
      assertThat(ourVerdict)
          .as(
              "verdict on %s (Jackson: %s; ours: %s)",
              shown, jackson.malformedReason(), ours.malformedReason())
          .isEqualTo(jacksonVerdict);
      if (!ourVerdict) {
        assertThat(ours.malformedReason()).isNotBlank();
        for (int t = 0; t < targets.size(); t++) {
          assertThat(ours.findings().found(t)).as("found in a malformed document").isFalse();
        }
        return false;
      }
      assertSameFindings(targets, tree, ours.findings(), jackson.findings(), shown);
      return true;
    } finally {
      ours.exit();
    }
  }

  private static void assertSameFindings(
      List<ScanTarget> targets, PointerTree tree, Findings mine, Findings theirs, String shown) {
    for (int t = 0; t < targets.size(); t++) {
      String what = targets.get(t) + " in " + shown;
      assertThat(mine.found(t)).as("found: %s", what).isEqualTo(theirs.found(t));
      if (!mine.found(t)) {
        continue;
      }
      switch (tree.kind(t)) {
        case TEXT ->
            assertThat(new String(mine.text(t), 0, mine.textLength(t)))
                .as("text: %s", what)
                .isEqualTo(new String(theirs.text(t), 0, theirs.textLength(t)));
        case COUNT -> assertThat(mine.count(t)).as("count: %s", what).isEqualTo(theirs.count(t));
        case NUMBER ->
            assertThat(Double.valueOf(mine.number(t)))
                .as("number: %s", what)
                .isEqualTo(Double.valueOf(theirs.number(t)));
        default -> {}
      }
    }
  }

  private static boolean isUtf8(byte[] doc) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(doc));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
