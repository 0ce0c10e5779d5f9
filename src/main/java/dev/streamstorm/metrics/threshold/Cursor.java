package dev.streamstorm.metrics.threshold;

import dev.streamstorm.metrics.threshold.ThresholdSyntaxException.Part;

/** A read position in one string being parsed; errors carry the offset. */
final class Cursor {
  private final String text;
  private final Part part;
  private int pos;

  Cursor(String text, Part part) {
    this.text = text;
    this.part = part;
  }

  String text() {
    return text;
  }

  int pos() {
    return pos;
  }

  boolean atEnd() {
    return pos >= text.length();
  }

  char peek() {
    return text.charAt(pos);
  }

  boolean peekIs(char c) {
    return !atEnd() && text.charAt(pos) == c;
  }

  boolean peekIsNameChar() {
    return !atEnd() && isNameChar(text.charAt(pos));
  }

  boolean startsWith(String s) {
    return text.startsWith(s, pos);
  }

  void advance(int n) {
    pos += n;
  }

  boolean consume(char c) {
    if (peekIs(c)) {
      pos++;
      return true;
    }
    return false;
  }

  void skipSpaces() {
    while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  /** {@code [A-Za-z_][A-Za-z0-9_]*}, or empty when none starts here. */
  String identifier() {
    int start = pos;
    if (!atEnd() && (Character.isLetter(peek()) || peek() == '_')) {
      pos++;
      while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
        pos++;
      }
    }
    return text.substring(start, pos);
  }

  /** A conversation name: letters, digits, '_', '-', '.'. */
  String name() {
    int start = pos;
    while (!atEnd() && isNameChar(peek())) {
      pos++;
    }
    return text.substring(start, pos);
  }

  String digits() {
    int start = pos;
    while (!atEnd() && Character.isDigit(peek())) {
      pos++;
    }
    return text.substring(start, pos);
  }

  /** An unsigned decimal number ({@code 2}, {@code 0.5}, {@code .5}), or empty. */
  String number() {
    int start = pos;
    digits();
    if (peekIs('.') && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
      pos++;
      digits();
    }
    return text.substring(start, pos);
  }

  ThresholdSyntaxException error(String reason) {
    return errorAt(pos, reason);
  }

  ThresholdSyntaxException errorAt(int offset, String reason) {
    return new ThresholdSyntaxException(reason, part, offset);
  }

  static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }
}
