package dev.streamstorm.live;

/**
 * One exported metric family, named once for both exporters: Prometheus gets {@code
 * streamstorm_<base>_<unit>} (counters add {@code _total}), OpenTelemetry {@code
 * streamstorm.<base>} with the unit apart, which a backend's own OpenTelemetry-to-Prometheus
 * translation turns back into the Prometheus name.
 *
 * @param base the name between the prefix and the unit, e.g. {@code ttft}, {@code messages}
 * @param unit the base unit
 * @param help one line on what it counts
 */
public record Family(String base, Unit unit, String help) {

  /** Base units, as Prometheus suffixes and OpenTelemetry (UCUM) units. */
  public enum Unit {
    SECONDS("seconds", "s"),
    RATIO("ratio", "1"),
    /** A count per message (tokens, chunks, tool calls): no unit, a suffix that says so. */
    PER_MESSAGE("per_message", "1"),
    NONE(null, "1");

    private final String suffix;
    private final String ucum;

    Unit(String suffix, String ucum) {
      this.suffix = suffix;
      this.ucum = ucum;
    }

    public String suffix() {
      return suffix;
    }

    public String ucum() {
      return ucum;
    }
  }

  public static final String PROMETHEUS_PREFIX = "streamstorm_";
  public static final String OTEL_PREFIX = "streamstorm.";

  /** The Prometheus name without a counter's {@code _total}. */
  public String prometheusName() {
    return PROMETHEUS_PREFIX + base + (unit.suffix() == null ? "" : "_" + unit.suffix());
  }

  public String otelName() {
    return OTEL_PREFIX + base + (unit == Unit.PER_MESSAGE ? "_per_message" : "");
  }
}
