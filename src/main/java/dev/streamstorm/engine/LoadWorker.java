package dev.streamstorm.engine;

import dev.streamstorm.metrics.LoopRecorder;
import dev.streamstorm.metrics.Slo;
import dev.streamstorm.protocol.H2Connections;
import dev.streamstorm.protocol.sse.ChunkCopy;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.SloSpec;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One event loop's share of the run: its context, its metrics recorder (single writer) and the
 * users living on it. Everything but the final fields is touched only on that loop.
 */
final class LoadWorker {
  final int index;
  final Context context;
  final LoopRecorder recorder;
  final ConnectionPermits permits;

  /** This loop's HTTP/2 connections, shared by its users; null over HTTP/1.1. */
  final H2Connections h2;

  final Set<VirtualUser> users = new LinkedHashSet<>();

  /** Where its users' direct chunks are copied for decoding: one array per loop, not per user. */
  final ChunkCopy chunkCopy = new ChunkCopy();

  /** The scenario's stream rules with this loop's own scanner: what its users read events with. */
  final StreamInterpreter interpreter;

  volatile Thread thread;

  LoadWorker(
      int index,
      Context context,
      LoopRecorder recorder,
      ConnectionPermits permits,
      H2Connections h2,
      StreamInterpreter rules) {
    this.interpreter = rules.forThisLoop();
    this.index = index;
    this.permits = permits;
    this.context = context;
    this.recorder = recorder;
    this.h2 = h2;
  }

  /**
   * A run's workers, one for each of {@code contexts} in order: each with its recorder (the
   * scenario's SLO, the warm-up's end), its share of maxConnections and its loop's HTTP/2
   * connections; each learns its thread on its loop. Called on the run's ticker thread when the
   * load begins.
   */
  static List<LoadWorker> onEachLoop(
      List<Context> contexts,
      Scenario scenario,
      long warmupEndNs,
      NetworkClients net,
      StreamInterpreter rules) {
    Slo slo = slo(scenario.slo());
    List<LoadWorker> workers = new ArrayList<>();
    for (int i = 0; i < contexts.size(); i++) {
      LoopRecorder rec =
          new LoopRecorder(slo, warmupEndNs, IntervalPipeline.msUsage(scenario.stream()));
      LoadWorker w =
          new LoadWorker(
              i,
              contexts.get(i),
              rec,
              permits(scenario, i, contexts.size()),
              net.h2Connections(rec),
              rules);
      w.run(() -> w.thread = Thread.currentThread());
      workers.add(w);
    }
    return workers;
  }

  /** Loop {@code i}'s share of maxConnections: split evenly, the remainder to the first loops. */
  private static ConnectionPermits permits(Scenario scenario, int i, int loops) {
    return scenario
        .connection()
        .maxConnections()
        .map(max -> new ConnectionPermits(Math.max(1, max / loops + (i < max % loops ? 1 : 0))))
        .orElseGet(() -> new ConnectionPermits(Integer.MAX_VALUE));
  }

  private static Slo slo(SloSpec s) {
    return new Slo(
        s.ttft().map(Duration::toNanos).orElse(0L),
        s.tpot().map(Duration::toNanos).orElse(0L),
        s.e2e().map(Duration::toNanos).orElse(0L));
  }

  /** Runs {@code task} on this worker's event loop. */
  void run(Runnable task) {
    context.runOnContext(v -> task.run());
  }
}
