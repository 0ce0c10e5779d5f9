package dev.streamstorm.report.html;

/**
 * A small HTML writer. Text always goes through {@link #text}, which escapes it, so a value from
 * the results (a scenario name, a server's error message) can never become markup; {@link #raw} is
 * only for markup this package writes itself. Attribute values are escaped too.
 */
final class Html {
  private final StringBuilder sb;

  Html(int capacity) {
    sb = new StringBuilder(capacity);
  }

  /** Escapes the characters that are special in HTML text and in quoted attribute values. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (rep != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (rep != null) {
          out.append(rep);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  /** Opens {@code tag} with an optional class (null for none). */
  Html open(String tag, String cssClass) {
    sb.append('<').append(tag);
    if (cssClass != null) {
      sb.append(" class=\"").append(escape(cssClass)).append('"');
    }
    sb.append('>');
    return this;
  }

  Html open(String tag) {
    return open(tag, null);
  }

  /** Opens {@code tag} with attributes given as name, value pairs (values escaped). */
  Html openWith(String tag, String... attributes) {
    sb.append('<').append(tag);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      sb.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1]));
      sb.append('"');
    }
    sb.append('>');
    return this;
  }

  Html close(String tag) {
    sb.append("</").append(tag).append('>');
    return this;
  }

  /** {@code <tag class="cssClass">text</tag>} with the text escaped. */
  Html element(String tag, String cssClass, String text) {
    return open(tag, cssClass).text(text).close(tag);
  }

  Html element(String tag, String text) {
    return element(tag, null, text);
  }

  Html text(String s) {
    sb.append(escape(s));
    return this;
  }

  /** Markup written by this package; never a value from the results. */
  Html raw(String markup) {
    sb.append(markup);
    return this;
  }

  Html nl() {
    sb.append('\n');
    return this;
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
