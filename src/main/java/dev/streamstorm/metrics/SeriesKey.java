package dev.streamstorm.metrics;

/**
 * Names one histogram series: a metric (a {@link Metric} id or {@code usage.<name>}) for one tag.
 */
public record SeriesKey(String metric, Tag tag) {

  public static SeriesKey of(Metric metric, Tag tag) {
    return new SeriesKey(metric.id(), tag);
  }

  public static SeriesKey usage(String name, Tag tag) {
    return new SeriesKey(USAGE_PREFIX + name, tag);
  }

  public static final String USAGE_PREFIX = "usage.";

  public boolean isUsage() {
    return metric.startsWith(USAGE_PREFIX);
  }

  /** True when values are microseconds to be shown as milliseconds. */
  public boolean isTime() {
    Metric m = Metric.byId(metric);
    return m != null && m.isTime();
  }
}
