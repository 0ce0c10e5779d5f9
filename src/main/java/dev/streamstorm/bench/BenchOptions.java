package dev.streamstorm.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What to measure and how.
 *
 * @param target a running bench-server's base URL, or null to start one in a child JVM
 * @param modes the measurements to make
 * @param protocols the wire formats to measure (calibrate uses the first)
 * @param eventLoops the generator's (and the floor's) event loops; 0 for one per core it may use
 *     (counted after {@code splitCores})
 * @param preferNative Netty's native transport when it loads (false: NIO)
 * @param costStreams concurrent streams of the cost measurement
 * @param warmup time after the ramp before a window (JIT, streams out of step)
 * @param jitWarmupSeconds calibrate: the cost workload run this long before the first step,
 *     unmeasured (0: not at all)
 * @param windowSeconds the measured window of cost and calibrate steps
 * @param calibrateSteps concurrency steps of calibrate
 * @param scaleStreams concurrent streams of the scale measurement
 * @param scaleSeconds the scale measurement's window (a soak: 5 minutes)
 * @param scaleItlMs the scale workload's gap between tokens (200 ms: 5 events/s a stream; 1,000 ms
 *     for the one token a second per stream of a 50,000-stream run)
 * @param lagBoundMs accurate means event-loop lag p99 at most this...
 * @param errorBoundMs ...and first-token error p99 at most this
 * @param serverJvmOptions JVM options of a child bench-server
 * @param ttftErrorsCsv where every matched message's first-token instants go, or null
 * @param calibrateWithFloor measure the floor client at every calibrate step too: the timing error
 *     and lag this machine allows any client, beside streamstorm's
 * @param splitCores run the child bench-server on half of the CPUs and the generator on the other
 *     half ({@link CoreSplit})
 * @param live run streamstorm with its live outputs open (dashboard, Prometheus endpoint) and a
 *     watcher on each ({@link LiveWatch}), to measure what they cost the generator
 * @param coldSeconds how long each cold-start run starts messages
 * @param coldRepetitions how many times each client's cold start is measured (the order of the
 *     clients alternating)
 * @param costRuns how many times each protocol's cost step runs (the clients' order alternating),
 *     so that its ratio can be read as a median: one run's ratio moves by about 10% on a shared
 *     machine
 */
public record BenchOptions(
    URI target,
    Set<Mode> modes,
    List<Workload.Protocol> protocols,
    int eventLoops,
    boolean preferNative,
    int costStreams,
    StepWarmup warmup,
    double jitWarmupSeconds,
    double windowSeconds,
    List<Integer> calibrateSteps,
    int scaleStreams,
    double scaleSeconds,
    int scaleItlMs,
    double lagBoundMs,
    double errorBoundMs,
    List<String> serverJvmOptions,
    Path ttftErrorsCsv,
    boolean calibrateWithFloor,
    boolean splitCores,
    boolean live,
    double coldSeconds,
    int coldRepetitions,
    int costRuns) {

  /** The measurements. */
  public enum Mode {
    /**
     * Every client in a fresh JVM, its users started at once: the first seconds against the
     * floor's.
     */
    COLD,
    /** CPU per token event of streamstorm and of the floor client, at 1,000 streams. */
    COST,
    /** Concurrency stepped up: cost, lag, accuracy per step, and the verdict. */
    CALIBRATE,
    /** 10,000 streams (SSE, then WebSocket) for a long window: heap, lag, stability. */
    SCALE
  }

  /** The cost workload of the issue: 100 ms to the first token, 50 tokens 20 ms apart. */
  public Workload costWorkload(Workload.Protocol p) {
    return new Workload(p, costStreams, 100, 20, 50);
  }

  /** Calibrate workloads: tokens 200 ms apart (50,000 token events/s at 10,000). */
  public Workload paced(Workload.Protocol p, int streams) {
    return new Workload(p, streams, 100, 200, 50);
  }

  /** The scale workload: {@code scaleStreams} streams, tokens {@code scaleItlMs} apart. */
  public Workload scaleWorkload(Workload.Protocol p) {
    return new Workload(p, scaleStreams, 100, scaleItlMs, 50);
  }
}
