package dev.streamstorm.protocol.stream;

import java.util.Arrays;

/**
 * What one scan of a JSON document found at the targets of a {@link PointerTree}: which targets
 * held, the token's text, the token count, usage numbers, or why the document was malformed. Held
 * until the next scan; a scanner subclass fills it.
 */
abstract class PointerFindings {

  private static final int MAX_REASON_CHARS = 120;

  PointerTree tree;
  boolean[] found = new boolean[PointerTree.USAGE_BASE];
  double[] numbers = new double[PointerTree.USAGE_BASE];
  long tokenCount;
  char[] tokenChars = new char[64];
  int tokenLength;
  private String malformedReason;

  final boolean found(int target) {
    return found[target];
  }

  /** The token's text, in {@code [0, tokenLength())}; valid until the next scan. */
  final char[] tokenChars() {
    return tokenChars;
  }

  final int tokenLength() {
    return tokenLength;
  }

  final long tokenCount() {
    return tokenCount;
  }

  final double number(int target) {
    return numbers[target];
  }

  final String malformedReason() {
    return malformedReason;
  }

  /** Forgets the previous scan's findings; {@code tree} is the next scan's. */
  final void reset(PointerTree tree) {
    this.tree = tree;
    int targets = tree.targetCount();
    if (found.length < targets) {
      found = new boolean[targets];
      numbers = new double[targets];
    } else {
      Arrays.fill(found, 0, targets, false);
    }
    tokenLength = 0;
    malformedReason = null;
  }

  /** A presence rule ({json: /error} without equals) holds for an object or array there too. */
  final void presence(PointerTree.Node node) {
    if (node == null) {
      return;
    }
    for (int target : node.targets()) {
      if (isMatch(target) && tree.expectedText(target) == null) {
        found[target] = true;
      }
    }
  }

  static boolean isMatch(int target) {
    return target == PointerTree.TOKEN_WHEN
        || target == PointerTree.DONE
        || target == PointerTree.ERROR;
  }

  /** The document is not valid JSON: nothing found counts; returns false, the scan's answer. */
  final boolean malformed(String reason) {
    malformedReason =
        reason.length() <= MAX_REASON_CHARS
            ? reason
            : reason.substring(0, MAX_REASON_CHARS - 3) + "...";
    Arrays.fill(found, false);
    return false;
  }
}
