package dev.streamstorm.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the generator's first-token instants are from the server's: for each message both saw,
 * error = client arrival (System.nanoTime() where the bytes arrived) minus server write (nanoTime
 * just before the bytes went to the socket). Both JVMs read the same CLOCK_MONOTONIC on Linux, so
 * the difference is loopback transit plus whatever delayed the generator: its timing error.
 *
 * @param matched messages found on both sides (first token inside the window)
 * @param p50Ms median error
 * @param p99Ms 99th percentile
 * @param maxMs largest error
 * @param minMs smallest (negative only if the clocks disagreed: a red flag)
 */
public record TtftError(int matched, double p50Ms, double p99Ms, double maxMs, double minMs) {

  /** No message could be matched (no ground truth, or nothing finished in the window). */
  public static final TtftError NONE =
      new TtftError(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** One message seen by both: its id, the generator's first-token arrival, the server's write. */
  public record Match(String requestId, long clientNs, long serverNs) {
    public long errorNs() {
      return clientNs - serverNs;
    }
  }

  /**
   * Matches the generator's messages with the server's records by request id.
   *
   * @param client first-token instants the generator saw
   * @param server the server's finished requests
   * @param fromNs only messages whose client first token is at or after this instant...
   * @param toNs ...and before this one
   */
  public static List<Match> match(
      Collection<FirstTokenLog.Entry> client,
      List<ServerStats.Request> server,
      long fromNs,
      long toNs) {
    Map<String, Long> serverFirstToken = new HashMap<>(server.size() * 2);
    for (ServerStats.Request r : server) {
      if (r.id() != null && r.firstTokenNanos() != null) {
        serverFirstToken.put(r.id(), r.firstTokenNanos());
      }
    }
    List<Match> matches = new ArrayList<>();
    for (FirstTokenLog.Entry e : client) {
      if (e.firstTokenNs() < fromNs || e.firstTokenNs() >= toNs) {
        continue;
      }
      Long written = serverFirstToken.get(e.requestId());
      if (written != null) {
        matches.add(new Match(e.requestId(), e.firstTokenNs(), written));
      }
    }
    return matches;
  }

  /** The error distribution of matched messages. */
  public static TtftError of(List<Match> matches) {
    return ofErrorsNs(matches.stream().mapToLong(Match::errorNs).toArray());
  }

  /** Percentiles (nearest rank) of errors in nanoseconds. */
  static TtftError ofErrorsNs(long[] errorsNs) {
    if (errorsNs.length == 0) {
      return NONE;
    }
    long[] sorted = errorsNs.clone();
    Arrays.sort(sorted);
    return new TtftError(
        sorted.length,
        ms(rank(sorted, 50)),
        ms(rank(sorted, 99)),
        ms(sorted[sorted.length - 1]),
        ms(sorted[0]));
  }

  private static long rank(long[] sorted, double percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
