package dev.streamstorm.metrics.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the load generator itself fared: when it lagged, latencies include its own delay. In a
 * distributed run the figures cover every agent (lag merged, CPU of the busiest agent) and {@code
 * agents} shows each one.
 *
 * @param eventLoops event loops used
 * @param loopLag distribution of event-loop lag (ms)
 * @param gcPauses the JVM's garbage-collection pauses after the warm-up (ms, one sample per pause;
 *     every agent's in a distributed run)
 * @param cpuMeanPercent process CPU, 100 = every core busy
 * @param cpuMaxPercent the busiest interval's process CPU
 * @param busiestLoopMaxPercent the highest CPU share of one event-loop thread in any interval
 * @param healthy false when lag or CPU were high enough to distort latencies
 * @param warnings what was wrong, in words
 * @param agents each agent of a distributed run; null for a run in one JVM
 * @param transport the network transport of the generator's event loops: {@code epoll} (Netty's
 *     native transport) or {@code nio}; null when not known
 * @param collector the JVM's garbage collector ({@code G1}, {@code Parallel}, {@code ZGC}, ...),
 *     which decides how long the generator pauses; null when not known (a distributed run, whose
 *     agents each chose their own)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeneratorHealth(
    int eventLoops,
    Summary loopLag,
    Summary gcPauses,
    double cpuMeanPercent,
    double cpuMaxPercent,
    double busiestLoopMaxPercent,
    boolean healthy,
    List<String> warnings,
    List<AgentHealth> agents,
    String transport,
    String collector) {

  /** The generator of a run in one JVM, before its transport and collector are known. */
  public GeneratorHealth(
      int eventLoops,
      Summary loopLag,
      Summary gcPauses,
      double cpuMeanPercent,
      double cpuMaxPercent,
      double busiestLoopMaxPercent,
      boolean healthy,
      List<String> warnings) {
    this(
        eventLoops,
        loopLag,
        gcPauses,
        cpuMeanPercent,
        cpuMaxPercent,
        busiestLoopMaxPercent,
        healthy,
        warnings,
        null,
        null,
        null);
  }

  /**
   * A copy listing a distributed run's agents; an unhealthy agent makes the whole generator
   * unhealthy and is named in the warnings.
   */
  public GeneratorHealth withAgents(List<AgentHealth> all) {
    List<String> w = new ArrayList<>(warnings);
    for (AgentHealth a : all) {
      if (!a.healthy()) {
        w.add(
            String.format(
                Locale.ROOT,
                "agent %s was overloaded (loop lag p99 %.1f ms, busiest loop %.0f%%): its share's"
                    + " latencies include its own delay",
                a.name(),
                a.loopLagP99Ms(),
                a.busiestLoopMaxPercent()));
      }
    }
    return new GeneratorHealth(
        eventLoops,
        loopLag,
        gcPauses,
        cpuMeanPercent,
        cpuMaxPercent,
        busiestLoopMaxPercent,
        healthy && w.size() == warnings.size(),
        List.copyOf(w),
        List.copyOf(all),
        transport,
        collector);
  }

  /** A copy naming the network transport and the garbage collector of this JVM's run. */
  public GeneratorHealth withRuntime(String transportName, String collectorName) {
    return new GeneratorHealth(
        eventLoops,
        loopLag,
        gcPauses,
        cpuMeanPercent,
        cpuMaxPercent,
        busiestLoopMaxPercent,
        healthy,
        warnings,
        agents,
        transportName,
        collectorName);
  }
}
