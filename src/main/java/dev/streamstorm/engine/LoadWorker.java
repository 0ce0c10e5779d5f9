package dev.streamstorm.engine;

import dev.streamstorm.metrics.LoopRecorder;
import dev.streamstorm.protocol.H2Connections;
import dev.streamstorm.protocol.sse.ChunkCopy;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import io.vertx.core.Context;
import java.util.LinkedHashSet;
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

  /** Runs {@code task} on this worker's event loop. */
  void run(Runnable task) {
    context.runOnContext(v -> task.run());
  }
}
