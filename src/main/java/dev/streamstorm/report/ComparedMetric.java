package dev.streamstorm.report;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.results.Goodput;
import dev.streamstorm.metrics.results.MessageCounts;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.SliceResults;
import dev.streamstorm.metrics.results.Summary;
import dev.streamstorm.metrics.results.Throughput;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One number of a results document, addressed by a dotted name as the document nests it: {@code
 * ttft.p95} (or {@code metrics.ttft.p95}), {@code errors.rate}, {@code errors.http_5xx}, {@code
 * throughput.tokensPerSecond}, {@code messages.ok}, {@code goodput.ratio}, {@code
 * usage.llm_calls.mean}, and any of these within {@code byConversation.NAME.} or {@code
 * byTurn.NAME#N.}. It knows which way is worse, so that a comparison can tell a regression.
 */
public final class ComparedMetric {

  /** Which way a number improves. */
  public enum Better {
    /** Latencies, error counts and rates, tokens and usage per message. */
    LOWER,
    /** Throughput, goodput, successful messages, sample counts. */
    HIGHER
  }

  /** How a value is shown. */
  public enum Unit {
    MILLISECONDS,
    FRACTION,
    PER_SECOND,
    NUMBER
  }

  /** A name that does not address a number of the results document. */
  public static final class UnknownMetricException extends IllegalArgumentException {
    UnknownMetricException(String message) {
      super(message);
    }
  }

  static final String EXAMPLES =
      "e.g. ttft.p95, e2e.p99, itl.p50, errors.rate, errors.http_5xx,"
          + " throughput.tokensPerSecond, goodput.ratio, byConversation.NAME.ttft.p95";

  private static final Set<String> STATS =
      Set.of("count", "min", "mean", "p50", "p90", "p95", "p99", "p999", "p99.9", "max");

  private final String name;
  private final Better better;
  private final Unit unit;
  private final Function<Slice, Double> reader;
  private final Function<RunResults, Slice> locator;

  private ComparedMetric(String name, Better better, Unit unit, Function<Slice, Double> reader) {
    this(name, better, unit, reader, Slice::of);
  }

  private ComparedMetric(
      String name,
      Better better,
      Unit unit,
      Function<Slice, Double> reader,
      Function<RunResults, Slice> locator) {
    this.name = name;
    this.better = better;
    this.unit = unit;
    this.reader = reader;
    this.locator = locator;
  }

  /** The parts of a document, or of one of its conversations or turns, that names address. */
  private record Slice(
      MessageCounts messages,
      Map<String, Long> errors,
      Throughput throughput,
      Map<String, Summary> metrics,
      Map<String, Summary> usage,
      Goodput goodput) {

    static Slice of(RunResults r) {
      return new Slice(
          r.messages(), r.errors(), r.throughput(), r.metrics(), r.usage(), r.goodput());
    }

    static Slice of(SliceResults s) {
      return s == null
          ? null
          : new Slice(
              s.messages(), s.errors(), s.throughput(), s.metrics(), s.usage(), s.goodput());
    }
  }

  /** The name as given. */
  public String name() {
    return name;
  }

  /** Which direction is an improvement. */
  public Better better() {
    return better;
  }

  /** How the value reads. */
  public Unit unit() {
    return unit;
  }

  /** The value in a document; NaN when the document does not hold it (or it has no samples). */
  public double valueIn(RunResults r) {
    Slice slice = locator.apply(r);
    Double v = slice == null ? null : reader.apply(slice);
    return v == null ? Double.NaN : v;
  }

  /**
   * Resolves a name. Conversation and turn names may contain dots, so the slices of the documents
   * being compared are given to tell where a slice name ends.
   *
   * @throws UnknownMetricException when the name addresses nothing a results document holds
   */
  public static ComparedMetric parse(String name, Collection<RunResults> documents) {
    for (String sliceKind : List.of("byConversation", "byTurn")) {
      String prefix = sliceKind + ".";
      if (!name.startsWith(prefix)) {
        continue;
      }
      String rest = name.substring(prefix.length());
      for (RunResults d : documents) {
        Map<String, SliceResults> slices = slices(d, sliceKind);
        for (String key : slices.keySet()) {
          if (rest.startsWith(key + ".")) {
            ComparedMetric inner = field(name, rest.substring(key.length() + 1));
            return new ComparedMetric(
                name,
                inner.better,
                inner.unit,
                inner.reader,
                r -> Slice.of(slices(r, sliceKind).get(key)));
          }
        }
      }
      throw new UnknownMetricException(
          "unknown metric '"
              + name
              + "': no "
              + (sliceKind.equals("byTurn") ? "turn" : "conversation")
              + " of that name in either results file (they have: "
              + String.join(
                  ", ",
                  documents.stream()
                      .flatMap(d -> slices(d, sliceKind).keySet().stream())
                      .distinct()
                      .sorted()
                      .toList())
              + ")");
    }
    return field(name, name);
  }

  private static ComparedMetric field(String name, String path) {
    String p = path.startsWith("metrics.") ? path.substring("metrics.".length()) : path;
    int dot = p.indexOf('.');
    String head = dot < 0 ? p : p.substring(0, dot);
    String tail = dot < 0 ? "" : p.substring(dot + 1);
    ComparedMetric found =
        switch (head) {
          case "errors" -> errors(name, tail);
          case "messages" -> messages(name, tail);
          case "throughput" -> throughput(name, tail);
          case "goodput" -> goodput(name, tail);
          case "usage" -> usage(name, tail);
          default -> Metric.byId(head) != null ? summary(name, head, tail) : null;
        };
    if (found == null) {
      throw new UnknownMetricException("unknown metric '" + name + "'; " + EXAMPLES);
    }
    return found;
  }

  private static ComparedMetric summary(String name, String metric, String stat) {
    if (!STATS.contains(stat)) {
      return null;
    }
    Unit unit =
        stat.equals("count")
            ? Unit.NUMBER
            : Metric.byId(metric).isTime() ? Unit.MILLISECONDS : Unit.NUMBER;
    Better better = stat.equals("count") ? Better.HIGHER : Better.LOWER;
    return new ComparedMetric(
        name, better, unit, r -> stat(r.metrics() == null ? null : r.metrics().get(metric), stat));
  }

  private static ComparedMetric usage(String name, String rest) {
    int dot = rest.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    String usage = rest.substring(0, dot);
    String stat = rest.substring(dot + 1);
    if (!STATS.contains(stat)) {
      return null;
    }
    return new ComparedMetric(
        name,
        stat.equals("count") ? Better.HIGHER : Better.LOWER,
        Unit.NUMBER,
        r -> stat(r.usage() == null ? null : r.usage().get(usage), stat));
  }

  /** A summary's statistic; null when there were no samples, since then every statistic is 0. */
  private static Double stat(Summary s, String stat) {
    if (s == null) {
      return null;
    }
    if (stat.equals("count")) {
      return (double) s.count();
    }
    return s.count() == 0 ? null : s.value(stat);
  }

  private static ComparedMetric errors(String name, String rest) {
    if (rest.equals("rate")) {
      return new ComparedMetric(
          name,
          Better.LOWER,
          Unit.FRACTION,
          r -> rate(r, r.messages() == null ? null : r.messages().failed()));
    }
    if (rest.equals("count")) {
      return new ComparedMetric(
          name,
          Better.LOWER,
          Unit.NUMBER,
          r -> r.messages() == null ? null : (double) r.messages().failed());
    }
    boolean rate = rest.endsWith(".rate");
    String id = rate ? rest.substring(0, rest.length() - ".rate".length()) : rest;
    if (ErrorClass.byId(id) == null) {
      return null;
    }
    Function<Slice, Long> count = r -> r.errors() == null ? null : r.errors().get(id);
    return rate
        ? new ComparedMetric(name, Better.LOWER, Unit.FRACTION, r -> rate(r, count.apply(r)))
        : new ComparedMetric(name, Better.LOWER, Unit.NUMBER, r -> toDouble(count.apply(r)));
  }

  private static Double rate(Slice r, Long count) {
    if (count == null || r.messages() == null || r.messages().total() == 0) {
      return null;
    }
    return (double) count / r.messages().total();
  }

  private static ComparedMetric messages(String name, String field) {
    Function<MessageCounts, Long> f =
        switch (field) {
          case "total" -> MessageCounts::total;
          case "ok" -> MessageCounts::ok;
          case "failed" -> MessageCounts::failed;
          case "interrupted" -> MessageCounts::interrupted;
          case "retried" -> MessageCounts::retried;
          case "retries" -> MessageCounts::retries;
          case "reconnects" -> MessageCounts::reconnects;
          default -> null;
        };
    if (f == null) {
      return null;
    }
    Better better = field.equals("total") || field.equals("ok") ? Better.HIGHER : Better.LOWER;
    return new ComparedMetric(
        name,
        better,
        Unit.NUMBER,
        r -> r.messages() == null ? null : toDouble(f.apply(r.messages())));
  }

  private static ComparedMetric throughput(String name, String field) {
    Function<Throughput, Double> f =
        switch (field) {
          case "messagesPerSecond" -> Throughput::messagesPerSecond;
          case "tokensPerSecond" -> Throughput::tokensPerSecond;
          default -> null;
        };
    if (f == null) {
      return null;
    }
    return new ComparedMetric(
        name,
        Better.HIGHER,
        Unit.PER_SECOND,
        r -> r.throughput() == null ? null : f.apply(r.throughput()));
  }

  private static ComparedMetric goodput(String name, String field) {
    Function<Goodput, Double> f =
        switch (field) {
          case "ratio" -> Goodput::ratio;
          case "perSecond" -> Goodput::perSecond;
          case "good" -> g -> (double) g.good();
          default -> null;
        };
    if (f == null) {
      return null;
    }
    Unit unit =
        field.equals("ratio")
            ? Unit.FRACTION
            : field.equals("perSecond") ? Unit.PER_SECOND : Unit.NUMBER;
    return new ComparedMetric(
        name, Better.HIGHER, unit, r -> r.goodput() == null ? null : f.apply(r.goodput()));
  }

  private static Map<String, SliceResults> slices(RunResults r, String kind) {
    Map<String, SliceResults> m = kind.equals("byTurn") ? r.byTurn() : r.byConversation();
    return m == null ? Map.of() : m;
  }

  private static Double toDouble(Long v) {
    return v == null ? null : v.doubleValue();
  }
}
