package dev.streamstorm.metrics;

/**
 * Per-message objectives in nanoseconds; a value of 0 means not set. A message is good when it
 * succeeded and met every objective that is set, so with none set every success is good. A message
 * with fewer than two tokens has no tpot and is not held to a tpot objective.
 */
public record Slo(long ttftNs, long tpotNs, long e2eNs) {

  public static final Slo NONE = new Slo(0, 0, 0);

  public boolean isMetBy(MessageOutcome o) {
    if (!o.ok()) {
      return false;
    }
    if (ttftNs > 0 && (o.firstTokenNs() == MessageOutcome.NONE || o.ttftNs() > ttftNs)) {
      return false;
    }
    long tpot = o.tpotNs();
    if (tpotNs > 0 && tpot != MessageOutcome.NONE && tpot > tpotNs) {
      return false;
    }
    return e2eNs <= 0 || o.e2eNs() <= e2eNs;
  }
}
