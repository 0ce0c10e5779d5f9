package dev.streamstorm.metrics.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How the load generator itself fared: when it lagged, latencies include its own delay.
 *
 * @param eventLoops event loops used
 * @param loopLag distribution of event-loop lag (ms)
 * @param cpuMeanPercent process CPU, 100 = every core busy
 * @param cpuMaxPercent the busiest interval's process CPU
 * @param busiestLoopMaxPercent the highest CPU share of one event-loop thread in any interval
 * @param healthy false when lag or CPU were high enough to distort latencies
 * @param warnings what was wrong, in words
 * @param transport the network transport of the generator's event loops: {@code epoll} (Netty's
 *     native transport) or {@code nio}; null when not known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeneratorHealth(
    int eventLoops,
    Summary loopLag,
    double cpuMeanPercent,
    double cpuMaxPercent,
    double busiestLoopMaxPercent,
    boolean healthy,
    List<String> warnings,
    String transport) {

  /** Health before the transport is known. */
  public GeneratorHealth(
      int eventLoops,
      Summary loopLag,
      double cpuMeanPercent,
      double cpuMaxPercent,
      double busiestLoopMaxPercent,
      boolean healthy,
      List<String> warnings) {
    this(
        eventLoops,
        loopLag,
        cpuMeanPercent,
        cpuMaxPercent,
        busiestLoopMaxPercent,
        healthy,
        warnings,
        null);
  }

  /** A copy naming the transport. */
  public GeneratorHealth withTransport(String name) {
    return new GeneratorHealth(
        eventLoops,
        loopLag,
        cpuMeanPercent,
        cpuMaxPercent,
        busiestLoopMaxPercent,
        healthy,
        warnings,
        name);
  }
}
