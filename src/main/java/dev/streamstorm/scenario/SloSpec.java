package dev.streamstorm.scenario;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-message objectives: a message is good when it succeeded and met every objective set here. All
 * empty means no goodput is computed.
 */
public record SloSpec(Optional<Duration> ttft, Optional<Duration> tpot, Optional<Duration> e2e) {

  public boolean isEmpty() {
    return ttft.isEmpty() && tpot.isEmpty() && e2e.isEmpty();
  }
}
