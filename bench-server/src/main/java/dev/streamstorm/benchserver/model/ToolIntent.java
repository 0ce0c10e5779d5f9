package dev.streamstorm.benchserver.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message that asks for a lookup ("Look up order #12345"): it makes the fake agent call its
 * {@code lookup_order} tool.
 *
 * @param orderId the order number mentioned, or null when only "look up" was said
 */
public record ToolIntent(String orderId, String query) {

  private static final Pattern ORDER = Pattern.compile("(?i)\\border\\s*#?\\s*(\\d+)");

  /** Returns the intent of a message, or null when it asks for no lookup. */
  public static ToolIntent detect(String content) {
    Matcher m = ORDER.matcher(content);
    if (m.find()) {
      return new ToolIntent(m.group(1), null);
    }
    String lower = content.toLowerCase(Locale.ROOT);
    if (lower.contains("look up") || lower.contains("lookup")) {
      String q = content.strip();
      return new ToolIntent(null, q.length() > 200 ? q.substring(0, 200) : q);
    }
    return null;
  }
}
