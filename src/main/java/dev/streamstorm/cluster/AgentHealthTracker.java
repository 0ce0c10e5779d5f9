package dev.streamstorm.cluster;

import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.GeneratorHealthCheck;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.Tag;
import dev.streamstorm.metrics.results.AgentHealth;
import dev.streamstorm.metrics.results.Summary;
import org.HdrHistogram.Histogram;

/**
 * One agent's generator health, from its own snapshots (before they are merged with the others'):
 * its loop lag, its CPU, the messages it ended. The limits are the ones a run in one JVM is judged
 * by. Confined to the coordinator's thread.
 */
final class AgentHealthTracker {
  private final Histogram lag = new Histogram(3);
  private double cpuSum;
  private double cpuMax;
  private double busiestMax;
  private int samples;
  private long messages;
  private boolean healthyNow = true;

  void accept(IntervalSnapshot s) {
    Histogram l = s.histogram(Metric.GENERATOR_LAG, Tag.ALL);
    double lagP99Ms = 0;
    if (l != null) {
      lag.add(l);
      lagP99Ms = l.getValueAtPercentile(99) / 1000.0;
    }
    double busiest = s.gauges().busiestLoopPercent();
    cpuSum += s.gauges().cpuPercent();
    cpuMax = Math.max(cpuMax, s.gauges().cpuPercent());
    busiestMax = Math.max(busiestMax, busiest);
    samples++;
    messages += s.counter(Tag.ALL, Counter.OK) + s.counter(Tag.ALL, Counter.FAILED);
    healthyNow =
        lagP99Ms <= GeneratorHealthCheck.LAG_WARN_MS
            && busiest <= GeneratorHealthCheck.LOOP_BUSY_WARN_PERCENT;
  }

  /** Whether its latest interval was free of generator lag and saturation. */
  boolean healthyNow() {
    return healthyNow;
  }

  AgentHealth health(String name, String host, int eventLoops, boolean lost) {
    double p99 = lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99) / 1000.0;
    double max = lag.getTotalCount() == 0 ? 0 : lag.getMaxValue() / 1000.0;
    boolean healthy =
        p99 <= GeneratorHealthCheck.LAG_WARN_MS
            && busiestMax <= GeneratorHealthCheck.LOOP_BUSY_WARN_PERCENT;
    return new AgentHealth(
        name,
        host,
        eventLoops,
        messages,
        Summary.round(p99),
        Summary.round(max),
        Summary.round(samples == 0 ? 0 : cpuSum / samples),
        Summary.round(cpuMax),
        Summary.round(busiestMax),
        healthy,
        lost);
  }
}
