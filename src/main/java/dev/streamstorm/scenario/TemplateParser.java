package dev.streamstorm.scenario;

import dev.streamstorm.scenario.Template.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code ${...}} placeholders once, at load time. {@code $${} writes a literal {@code ${}.
 * Errors carry the 0-based offset of the placeholder in the text.
 */
final class TemplateParser {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern RANDOM = Pattern.compile("random:(-?\\d{1,18}):(-?\\d{1,18})");

  /** A malformed template: what was wrong, and where in the text. */
  static final class SyntaxException extends RuntimeException {
    private final int offset;

    SyntaxException(int offset, String message) {
      super(message);
      this.offset = offset;
    }

    int offset() {
      return offset;
    }
  }

  private TemplateParser() {}

  /**
   * @param envIsSet tells whether an environment variable is set, checked at load time so that a
   *     missing secret fails before any traffic
   */
  static Template parse(String text, TemplateScope scope, Predicate<String> envIsSet) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw new SyntaxException(i, "unclosed '${': expected '}'");
        }
        if (literal.length() > 0) {
          parts.add(new Template.Literal(literal.toString()));
          literal.setLength(0);
        }
        parts.add(placeholder(text.substring(i + 2, close).strip(), i, scope, envIsSet));
        i = close + 1;
      } else {
        literal.append(text.charAt(i));
        i++;
      }
    }
    if (literal.length() > 0 || parts.isEmpty()) {
      parts.add(new Template.Literal(literal.toString()));
    }
    return new Template(text, List.copyOf(parts));
  }

  private static Part placeholder(
      String inner, int at, TemplateScope scope, Predicate<String> envIsSet) {
    if (inner.isEmpty()) {
      throw new SyntaxException(at, "empty placeholder '${}': expected a variable name");
    }
    if (inner.startsWith("env:")) {
      String name = inner.substring(4).strip();
      if (!ENV.matcher(name).matches()) {
        throw new SyntaxException(
            at, "expected ${env:NAME} with an environment variable name, got '${" + inner + "}'");
      }
      if (!envIsSet.test(name)) {
        throw new SyntaxException(
            at, "environment variable '" + name + "' is not set (used as ${env:" + name + "})");
      }
      return new Template.Env(name);
    }
    if (inner.startsWith("random:") || inner.equals("random")) {
      Matcher m = RANDOM.matcher(inner.replace(" ", ""));
      if (!m.matches() || Long.parseLong(m.group(1)) > Long.parseLong(m.group(2))) {
        throw new SyntaxException(
            at, "expected ${random:MIN:MAX} with whole numbers MIN <= MAX, got '${" + inner + "}'");
      }
      return new Template.RandomInt(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }
    if (inner.equals("uuid")) {
      return new Template.Uuid();
    }
    if (inner.contains(":")) {
      throw new SyntaxException(
          at,
          "unknown function '"
              + inner.substring(0, inner.indexOf(':'))
              + "' in '${"
              + inner
              + "}': expected env:NAME or random:MIN:MAX");
    }
    if (!NAME.matcher(inner).matches()) {
      throw new SyntaxException(at, "expected a variable name in '${" + inner + "}'");
    }
    if (scope.names().contains(inner)) {
      return new Template.Variable(inner);
    }
    if (scope.allNames().contains(inner)) {
      throw new SyntaxException(
          at, "variable '" + inner + "' is not available here: " + scope.whyNotOthers());
    }
    String hint =
        Suggest.closest(inner, scope.names())
            .map(k -> ", did you mean '" + k + "'?")
            .orElse("; variables here: " + scope.describe());
    throw new SyntaxException(at, "unknown variable '" + inner + "'" + hint);
  }
}
