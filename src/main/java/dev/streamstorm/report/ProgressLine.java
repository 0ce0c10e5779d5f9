package dev.streamstorm.report;

import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.GeneratorHealthCheck;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.Tag;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The live status line: elapsed and remaining time, stage, users or arrival rate, streams in
 * flight, throughput and first-token latency over the last interval, errors so far, and a marker
 * while the generator itself lags. A pure function of what it is given.
 */
public final class ProgressLine {

  /**
   * What the line shows besides the interval.
   *
   * @param elapsedNs since the start
   * @param plannedNs planned length, Long.MAX_VALUE when unknown
   * @param stage current stage (1-based), 0 without stages
   * @param stages number of stages
   * @param openModel arrival-rate load
   * @param errorsSoFar failures since the start
   * @param messagesSoFar messages ended since the start
   * @param warmingUp inside the warm-up: nothing is measured yet, which explains zero rates
   * @param agentsHealthy agents of a distributed run reporting in time and not overloaded
   * @param agentsTotal agents the distributed run started with; 0 in one JVM (not shown)
   */
  public record Context(
      long elapsedNs,
      long plannedNs,
      int stage,
      int stages,
      boolean openModel,
      long errorsSoFar,
      long messagesSoFar,
      boolean warmingUp,
      int agentsHealthy,
      int agentsTotal) {

    /** A run in one JVM. */
    public Context(
        long elapsedNs,
        long plannedNs,
        int stage,
        int stages,
        boolean openModel,
        long errorsSoFar,
        long messagesSoFar,
        boolean warmingUp) {
      this(
          elapsedNs,
          plannedNs,
          stage,
          stages,
          openModel,
          errorsSoFar,
          messagesSoFar,
          warmingUp,
          0,
          0);
    }
  }

  private ProgressLine() {}

  public static String render(IntervalSnapshot s, Context c) {
    StringBuilder sb = new StringBuilder(160);
    sb.append(Format.seconds(c.elapsedNs() / 1e9));
    if (c.plannedNs() != Long.MAX_VALUE) {
      long left = Math.max(0, c.plannedNs() - c.elapsedNs());
      sb.append(" (").append(Format.seconds(left / 1e9)).append(" left)");
    }
    if (c.warmingUp()) {
      sb.append(" · warming up, not measured");
    }
    if (c.stages() > 0) {
      sb.append(" · stage ").append(c.stage()).append('/').append(c.stages());
    }
    if (c.agentsTotal() > 0) {
      sb.append(" · agents ").append(c.agentsHealthy()).append('/').append(c.agentsTotal());
      sb.append(c.agentsHealthy() < c.agentsTotal() ? " healthy ⚠" : " healthy");
    }
    var g = s.gauges();
    if (c.openModel()) {
      sb.append(" · ").append(Format.rate(g.targetRate())).append("/s target, ");
      sb.append(Format.rate(g.arrivals() / Math.max(s.seconds(), 1e-9))).append("/s arriving");
      if (g.dropped() > 0) {
        sb.append(", ").append(Format.count(g.dropped())).append(" dropped");
      }
      sb.append(" · ").append(Format.count(g.activeUsers())).append(" conversations");
    } else {
      sb.append(" · ").append(Format.count(g.activeUsers())).append(" users");
    }
    sb.append(" · ").append(Format.count(g.inFlight())).append(" streaming");
    double secs = Math.max(s.seconds(), 1e-9);
    sb.append(" · ")
        .append(Format.rate(s.counter(Tag.ALL, Counter.OK) / secs))
        .append(" msg/s, ")
        .append(Format.rate(s.counter(Tag.ALL, Counter.TOKENS) / secs))
        .append(" tok/s");
    Histogram ttft = s.histogram(Metric.TTFT, Tag.ALL);
    if (ttft != null && ttft.getTotalCount() > 0) {
      sb.append(" · ttft p50 ")
          .append(Format.ms(ttft.getValueAtPercentile(50) / 1000.0))
          .append(" p95 ")
          .append(Format.ms(ttft.getValueAtPercentile(95) / 1000.0))
          .append(" ms");
    }
    sb.append(" · errors ").append(Format.count(c.errorsSoFar()));
    if (c.messagesSoFar() > 0 && c.errorsSoFar() > 0) {
      sb.append(
          String.format(Locale.ROOT, " (%.1f%%)", 100.0 * c.errorsSoFar() / c.messagesSoFar()));
    }
    long worst = worstErrorInInterval(s);
    if (worst > 0) {
      sb.append(" +").append(Format.count(worst));
    }
    Histogram lag = s.histogram(Metric.GENERATOR_LAG, Tag.ALL);
    if (lag != null && lag.getValueAtPercentile(99) / 1000.0 > GeneratorHealthCheck.LAG_WARN_MS) {
      sb.append(" · ⚠ generator lag ")
          .append(Format.ms(lag.getValueAtPercentile(99) / 1000.0))
          .append(" ms");
    }
    return sb.toString();
  }

  private static long worstErrorInInterval(IntervalSnapshot s) {
    long n = 0;
    for (ErrorClass c : ErrorClass.values()) {
      n += s.errors(Tag.ALL, c);
    }
    return n;
  }
}
