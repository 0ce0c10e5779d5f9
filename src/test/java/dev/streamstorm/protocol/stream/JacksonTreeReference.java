package dev.streamstorm.protocol.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What {@link JsonScan} should find, by Jackson's tree ({@link JacksonDocument}): each target's
 * value looked up with {@link JsonNode#at(String)}. A document with a repeated key is looked up by
 * the token reference ({@link JacksonJsonScan}) instead: a tree keeps the last occurrence, the
 * scanner the first that fits the target, by design.
 */
final class JacksonTreeReference {

  private final Findings findings = new Findings();

  /** Whether the last scan had a repeated key, and so was answered by the token reference. */
  boolean repeatedKeys;

  Findings findings() {
    return findings;
  }

  String malformedReason() {
    return findings.malformedReason();
  }

  /** The verdict on {@code doc} (true: valid), and each target's finding in {@link #findings()}. */
  boolean scan(List<ScanTarget> targets, PointerTree tree, byte[] doc, String[] perMessage) {
    findings.reset(tree);
    JacksonDocument read = JacksonDocument.read(doc);
    repeatedKeys = read.repeatedKeys();
    if (!read.valid()) {
      return findings.malformed(read.malformedReason());
    }
    if (repeatedKeys) {
      JacksonJsonScan tokens = new JacksonJsonScan();
      boolean valid = tokens.scan(tree, doc, 0, doc.length, perMessage);
      copy(tokens.findings(), tree);
      return valid;
    }
    for (int t = 0; t < targets.size(); t++) {
      find(t, targets.get(t), read.root().at(targets.get(t).pointer()), perMessage);
    }
    return true;
  }

  private void find(int t, ScanTarget target, JsonNode at, String[] perMessage) {
    switch (target.kind()) {
      case TEXT -> {
        if (at.isTextual() && !at.textValue().isEmpty()) {
          char[] text = at.textValue().toCharArray();
          findings.keepText(t, text, text.length);
        }
      }
      case COUNT -> {
        if (at.isNumber()) {
          findings.counts[t] =
              at.isIntegralNumber() && at.canConvertToLong()
                  ? at.longValue()
                  : (long) at.doubleValue();
          findings.found[t] = true;
        }
      }
      case NUMBER -> {
        if (at.isNumber()) {
          findings.numbers[t] = at.doubleValue();
          findings.found[t] = true;
        }
      }
      case MATCH -> findings.found[t] = matches(at, target.expectation(), perMessage);
    }
  }

  private static boolean matches(JsonNode at, PointerTree.Expectation e, String[] perMessage) {
    return switch (e.kind()) {
      case PRESENT -> !at.isMissingNode() && !at.isNull();
      case STRING ->
          at.isTextual()
              && at.textValue().equals(e.text() != null ? e.text() : slot(perMessage, e.slot()));
      case NUMBER -> at.isNumber() && at.doubleValue() == e.number();
      case TRUE -> at.isBoolean() && at.booleanValue();
      case FALSE -> at.isBoolean() && !at.booleanValue();
      case NULL -> at.isNull();
    };
  }

  private static String slot(String[] perMessage, int slot) {
    return slot < perMessage.length && perMessage[slot] != null ? perMessage[slot] : "";
  }

  private void copy(Findings from, PointerTree tree) {
    for (int t = 0; t < tree.targetCount(); t++) {
      if (from.found(t) && tree.kind(t) == PointerTree.Kind.TEXT) {
        findings.keepText(t, from.text(t), from.textLength(t));
      }
      findings.found[t] = from.found(t);
      findings.counts[t] = from.count(t);
      findings.numbers[t] = from.number(t);
    }
  }
}
