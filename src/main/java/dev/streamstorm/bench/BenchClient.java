package dev.streamstorm.bench;

import java.util.List;

/**
 * A load generator under measurement: streamstorm itself, or the bare floor client. Driven from the
 * harness thread: {@link #start}, then the window's questions, then {@link #close}.
 */
interface BenchClient extends AutoCloseable {

  /** Starts opening streams; returns (System.nanoTime()) when the first ones opened. */
  long start();

  /** The Netty transport the client's Vert.x runs on. */
  String transport();

  /** The measured window opens now (its start sample has been taken). */
  void windowStarts(long fromNs);

  /** The measured window closed; what follows no longer counts. */
  void windowEnds(long fromNs, long toNs);

  /** Event-loop lag in the window. */
  Lag lag();

  /** Messages that ended well ([0]) and failed ([1]) in the window. */
  long[] messages();

  /**
   * The client's messages with a first token in the window, matched with the server's records; null
   * when the client does not time first tokens (the floor).
   */
  List<TtftError.Match> ttftMatches(
      List<ServerStats.Request> serverRecords, long fromNs, long toNs);

  /** Stops the load and releases everything (connections, Vert.x). */
  @Override
  void close();
}
