package dev.streamstorm.metrics.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Failed messages by error class, and the error rate: failed / (ok + failed). Read as a map of the
 * classes' counts; written as that map with a {@code rate} entry beside them ({@code "errors":
 * {"http_5xx": 3, ..., "rate": 0.012}}). Immutable.
 */
public final class ErrorCounts extends AbstractMap<String, Long> {
  static final String RATE = "rate";

  private final Map<String, Long> counts;
  private final double rate;

  public ErrorCounts(Map<String, Long> counts, double rate) {
    this.counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    this.rate = rate;
  }

  /** The counts and the rate of {@code failed} among {@code total} messages. */
  public static ErrorCounts of(Map<String, Long> counts, long failed, long total) {
    return new ErrorCounts(
        counts, total == 0 ? 0 : Summary.round((double) failed / total * 1e6) / 1e6);
  }

  /** failed / (ok + failed); 0 without messages. */
  public double rate() {
    return rate;
  }

  @Override
  public Set<Entry<String, Long>> entrySet() {
    return counts.entrySet();
  }

  @JsonValue
  Map<String, Object> json() {
    Map<String, Object> out = new LinkedHashMap<>(counts);
    out.put(RATE, rate);
    return out;
  }

  /** Reads a document written by {@link #json()} (or by a version that wrote no rate). */
  @JsonCreator
  static ErrorCounts fromJson(Map<String, Object> json) {
    Map<String, Long> counts = new LinkedHashMap<>();
    double rate = 0;
    for (Map.Entry<String, Object> e : json.entrySet()) {
      if (!(e.getValue() instanceof Number n)) {
        continue;
      }
      if (e.getKey().equals(RATE)) {
        rate = n.doubleValue();
      } else {
        counts.put(e.getKey(), n.longValue());
      }
    }
    return new ErrorCounts(counts, rate);
  }
}
