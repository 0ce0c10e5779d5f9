package dev.streamstorm.metrics.results;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Message totals. {@code total = ok + failed}; interrupted messages (cut by the run's end) are
 * counted apart and excluded from both.
 *
 * @param empty ok messages in which the stream rules found no answer chunk and no tool call: a
 *     wrong pointer, or a server that answered with nothing
 * @param overlapped requests sent while the previous message's response was still ending (a server
 *     that keeps a stream open after its done marker): each took another connection, as an SDK's
 *     pool would, so that no message waits behind another's response; run level only
 */
public record MessageCounts(
    long total,
    long ok,
    long failed,
    long interrupted,
    long retried,
    long retries,
    long reconnects,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long empty,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long overlapped) {

  public MessageCounts(
      long total,
      long ok,
      long failed,
      long interrupted,
      long retried,
      long retries,
      long reconnects) {
    this(total, ok, failed, interrupted, retried, retries, reconnects, 0, 0);
  }
}
