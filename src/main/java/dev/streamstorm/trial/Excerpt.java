package dev.streamstorm.trial;

/**
 * One line of someone else's text: control characters escaped (a newline in an event's data shows
 * as {@code \n}, an escape sequence cannot colour or move the terminal), cut at a length with an
 * ellipsis.
 */
final class Excerpt {
  /** About what one timeline line leaves for an event's data. */
  static final int DATA_CHARS = 100;

  private Excerpt() {}

  /** {@code text} escaped, at most {@code max} characters of it. */
  static String of(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    int shown = 0;
    for (int i = 0; i < text.length(); i++) {
      if (shown >= max) {
        out.append('…');
        break;
      }
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
      shown++;
    }
    return out.toString();
  }

  /** {@code text} as a quoted one-line excerpt. */
  static String quoted(String text, int max) {
    return "\"" + of(text, max) + "\"";
  }
}
