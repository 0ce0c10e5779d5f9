package dev.streamstorm.protocol.stream;

import java.util.Arrays;

/**
 * What one scan of a JSON document found at the targets of a {@link PointerTree}: which targets
 * held, the text of each TEXT target, the value of each COUNT and NUMBER target, or why the
 * document was malformed. Valid until the next scan; owned by one scanner.
 */
final class Findings {

  private static final int MAX_REASON_CHARS = 120;

  boolean[] found = new boolean[8];
  long[] counts = new long[8];
  double[] numbers = new double[8];
  char[][] texts = new char[8][];
  int[] textLengths = new int[8];
  private String malformedReason;

  boolean found(int target) {
    return found[target];
  }

  /** A TEXT target's characters, in {@code [0, textLength(target))}; valid until the next scan. */
  char[] text(int target) {
    return texts[target];
  }

  int textLength(int target) {
    return textLengths[target];
  }

  long count(int target) {
    return counts[target];
  }

  double number(int target) {
    return numbers[target];
  }

  String malformedReason() {
    return malformedReason;
  }

  /** Forgets the previous scan; sizes the arrays for {@code tree}. */
  void reset(PointerTree tree) {
    int targets = tree.targetCount();
    if (found.length < targets) {
      int n = Math.max(targets, found.length * 2);
      found = new boolean[n];
      counts = new long[n];
      numbers = new double[n];
      texts = Arrays.copyOf(texts, n);
      textLengths = new int[n];
    } else {
      Arrays.fill(found, 0, targets, false);
    }
    malformedReason = null;
  }

  /** Keeps {@code length} chars of {@code from} as the text of {@code target}. */
  void keepText(int target, char[] from, int length) {
    char[] to = texts[target];
    if (to == null || to.length < length) {
      to = new char[Math.max(64, Math.max(length, to == null ? 0 : to.length * 2))];
      texts[target] = to;
    }
    System.arraycopy(from, 0, to, 0, length);
    textLengths[target] = length;
    found[target] = true;
  }

  /** The document is not valid JSON: nothing found counts; returns false, the scan's answer. */
  boolean malformed(String reason) {
    malformedReason =
        reason.length() <= MAX_REASON_CHARS
            ? reason
            : reason.substring(0, MAX_REASON_CHARS - 3) + "...";
    Arrays.fill(found, false);
    return false;
  }
}
