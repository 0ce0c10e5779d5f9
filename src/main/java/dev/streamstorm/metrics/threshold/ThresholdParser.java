package dev.streamstorm.metrics.threshold;

import dev.streamstorm.metrics.threshold.ThresholdSyntaxException.Part;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses threshold rules: a metric key ({@code ttft}, {@code ttft{conversation:x,turn:2}}) and a
 * comparison ({@code p95 < 2s}, {@code rate < 1%}, {@code count == 0}). Errors name what was
 * expected and the 0-based offset where it was expected.
 *
 * <p>Grammar: {@code key = metric ["{" tag ("," tag)* "}"]}, {@code tag = ("conversation" ":" name)
 * | ("turn" ":" N)}, {@code comparison = aggregate op number [unit]}. Aggregates: {@code pN} and
 * {@code p(N)} (k6's form), min, max, mean (alias avg), count, rate, ratio. Units: us, ms, s, m for
 * times (a bare number is milliseconds); % for rates and ratios (a bare number is a fraction); /s
 * or /m for per-second rates.
 */
public final class ThresholdParser {

  static final String OPERATOR_EXPECTED = "expected an operator (<, <=, >, >=, ==, !=)";
  static final String AGGREGATE_EXPECTED =
      "expected an aggregate (p50, p90, p95, p99, p99.9, min, max, mean, count, rate, ratio)";

  private ThresholdParser() {}

  /**
   * The scenario form: the key of a {@code thresholds:} entry and one of its expressions.
   *
   * @throws ThresholdSyntaxException with part METRIC or EXPRESSION and an offset into that string
   */
  public static Threshold parse(String metricKey, String expression) {
    Cursor key = new Cursor(metricKey, Part.METRIC);
    key.skipSpaces();
    MetricKey mk = MetricKey.read(key);
    key.skipSpaces();
    if (!key.atEnd()) {
      throw key.error("unexpected '" + key.peek() + "' after the metric name; expected '{' or end");
    }
    Cursor expr = new Cursor(expression, Part.EXPRESSION);
    return comparison(mk, expr, mk.text() + " " + expression.strip());
  }

  /**
   * The command-line form: metric key, then whitespace, then the comparison, e.g. {@code
   * ttft{conversation:x} p99<4s}.
   *
   * @throws ThresholdSyntaxException with part FLAG and an offset into the flag
   */
  public static Threshold parseFlag(String flag) {
    Cursor c = new Cursor(flag, Part.FLAG);
    c.skipSpaces();
    MetricKey mk = MetricKey.read(c);
    int beforeSpace = c.pos();
    c.skipSpaces();
    if (c.pos() == beforeSpace && !c.atEnd() && !mk.text().endsWith("}")) {
      throw c.error("expected a space between the metric and its comparison");
    }
    return comparison(mk, c, flag.strip());
  }

  private static Threshold comparison(MetricKey mk, Cursor c, String source) {
    MetricKind kind = MetricKind.of(mk.metric());
    c.skipSpaces();
    int aggregateAt = c.pos();
    Aggregate aggregate = AggregateReader.read(c);
    if (!kind.aggregates().contains(aggregate.kind())) {
      throw c.errorAt(
          aggregateAt,
          "'"
              + aggregate.label()
              + "' does not apply to "
              + mk.metric()
              + "; use "
              + AggregateReader.describe(kind));
    }
    c.skipSpaces();
    Op op = readOp(c);
    c.skipSpaces();
    double value = LimitReader.read(c, mk.metric(), kind, aggregate);
    c.skipSpaces();
    if (!c.atEnd()) {
      throw c.error("unexpected '" + c.peek() + "' after the value; expected the end");
    }
    return new Threshold(mk.metric(), mk.tags(), aggregate, op, value, source);
  }

  private static Op readOp(Cursor c) {
    for (String symbol : new String[] {"<=", ">=", "==", "!=", "<", ">"}) {
      if (c.startsWith(symbol)) {
        c.advance(symbol.length());
        for (Op op : Op.values()) {
          if (op.symbol().equals(symbol)) {
            return op;
          }
        }
      }
    }
    throw c.error(OPERATOR_EXPECTED);
  }

  /** A metric name and its tags, as parsed. */
  record MetricKey(String metric, Map<String, String> tags, String text) {

    static MetricKey read(Cursor c) {
      int start = c.pos();
      String metric = c.identifier();
      if (metric.isEmpty()) {
        throw c.error("expected a metric name such as ttft, e2e, errors or tokens");
      }
      Map<String, String> tags = new LinkedHashMap<>();
      if (c.peekIs('{')) {
        readTags(c, tags);
      }
      return new MetricKey(
          metric, Collections.unmodifiableMap(tags), c.text().substring(start, c.pos()));
    }

    private static void readTags(Cursor c, Map<String, String> tags) {
      int open = c.pos();
      c.advance(1);
      do {
        c.skipSpaces();
        int nameAt = c.pos();
        String name = c.identifier();
        if (!name.equals("conversation") && !name.equals("turn")) {
          throw c.errorAt(
              nameAt,
              name.isEmpty()
                  ? "expected a tag (conversation:NAME or turn:N)"
                  : "unknown tag '" + name + "'; expected conversation or turn");
        }
        if (tags.containsKey(name)) {
          throw c.errorAt(nameAt, "tag '" + name + "' given twice");
        }
        c.skipSpaces();
        if (!c.peekIs(':')) {
          throw c.error("expected ':' after tag '" + name + "'");
        }
        c.advance(1);
        c.skipSpaces();
        tags.put(name, name.equals("turn") ? turnNumber(c) : conversationName(c));
        c.skipSpaces();
        if (c.atEnd()) {
          throw c.errorAt(open, "unclosed '{': expected '}'");
        }
      } while (c.consume(','));
      if (!c.consume('}')) {
        throw c.error("expected ',' or '}' after a tag");
      }
    }

    private static String turnNumber(Cursor c) {
      int at = c.pos();
      String digits = c.digits();
      if (digits.isEmpty()
          || digits.length() > 9
          || Integer.parseInt(digits) < 1
          || c.peekIsNameChar()) {
        throw c.errorAt(at, "expected a turn number (1, 2, ...)");
      }
      return String.valueOf(Integer.parseInt(digits));
    }

    private static String conversationName(Cursor c) {
      String name = c.name();
      if (name.isEmpty()) {
        throw c.error("expected a conversation name");
      }
      return name;
    }
  }
}
