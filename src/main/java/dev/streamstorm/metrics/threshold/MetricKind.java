package dev.streamstorm.metrics.threshold;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.Metric;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The families of metrics thresholds can name; each decides which aggregates apply and what unit a
 * limit is in.
 */
public enum MetricKind {
  /** Latencies: percentiles, min, max, mean in milliseconds; count. */
  TIME(
      EnumSet.of(
          Aggregate.Kind.PERCENTILE,
          Aggregate.Kind.MIN,
          Aggregate.Kind.MAX,
          Aggregate.Kind.MEAN,
          Aggregate.Kind.COUNT)),
  /** Plain per-message numbers (tokens, usage the server reports): same aggregates, no unit. */
  VALUE(
      EnumSet.of(
          Aggregate.Kind.PERCENTILE,
          Aggregate.Kind.MIN,
          Aggregate.Kind.MAX,
          Aggregate.Kind.MEAN,
          Aggregate.Kind.COUNT)),
  /** All errors or one error class: how many, or what fraction of messages. */
  ERROR(EnumSet.of(Aggregate.Kind.COUNT, Aggregate.Kind.RATE)),
  /** Messages: how many, or how many per second. */
  MESSAGES(EnumSet.of(Aggregate.Kind.COUNT, Aggregate.Kind.RATE)),
  /** Good messages (succeeded and met every SLO): fraction of all, or per second. */
  GOODPUT(EnumSet.of(Aggregate.Kind.RATIO, Aggregate.Kind.RATE));

  /** Latency metrics, in milliseconds in every output. */
  public static final Set<String> TIME_METRICS =
      Arrays.stream(Metric.values())
          .filter(Metric::isTime)
          .map(Metric::id)
          .collect(Collectors.toUnmodifiableSet());

  /** {@code errors} (all classes together) and each error class. */
  public static final Set<String> ERROR_METRICS =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of("errors"),
              Arrays.stream(ErrorClass.values()).map(ErrorClass::id))
          .collect(Collectors.toUnmodifiableSet());

  /**
   * True for names streamstorm records by itself (latencies, tokens, messages, goodput, errors), so
   * that a user's usage name cannot shadow one.
   */
  public static boolean isBuiltIn(String metric) {
    return TIME_METRICS.contains(metric)
        || ERROR_METRICS.contains(metric)
        || Metric.byId(metric) != null
        || metric.equals("messages")
        || metric.equals("goodput");
  }

  private final Set<Aggregate.Kind> aggregates;

  MetricKind(Set<Aggregate.Kind> aggregates) {
    this.aggregates = aggregates;
  }

  /** The aggregates a threshold on this kind of metric may use. */
  public Set<Aggregate.Kind> aggregates() {
    return aggregates;
  }

  /**
   * The kind of a metric name. Names that are not built in ({@code tokens}, usage names such as
   * {@code llm_calls}) are plain values.
   */
  public static MetricKind of(String metric) {
    if (TIME_METRICS.contains(metric)) {
      return TIME;
    }
    if (ERROR_METRICS.contains(metric)) {
      return ERROR;
    }
    if (metric.equals("messages")) {
      return MESSAGES;
    }
    if (metric.equals("goodput")) {
      return GOODPUT;
    }
    return VALUE;
  }
}
