package dev.streamstorm.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Values given as command-line flags; each is empty when its flag was not given. Flags beat the
 * scenario file; {@code thresholds} are added to the file's.
 *
 * @param target {@code --target}: a URL or {@code embedded}
 * @param preset {@code --preset}
 * @param protocol {@code --protocol}: sse or websocket
 * @param vus {@code --vus}: a constant crowd of users (replaces the file's load stages)
 * @param duration {@code --duration}
 * @param rate {@code --rate}, e.g. {@code 20/s}: switches to the open model at that constant rate
 * @param distribution {@code --distribution}: constant or poisson (open model)
 * @param users {@code --users} (Locust): users to reach
 * @param spawnRate {@code --spawn-rate} (Locust): users added per second until {@code users}
 * @param iterations {@code --iterations}: conversations per user (closed), in all (open)
 * @param maxMessages {@code --max-messages}
 * @param maxTokens {@code --max-tokens}: the output-token budget
 * @param seed {@code --seed}
 * @param message {@code --message}: the one turn of a one-conversation run (replaces the file's
 *     conversations)
 * @param thresholds {@code --threshold}, repeatable: {@code "ttft p95 < 2s"}
 */
public record ScenarioOverrides(
    Optional<String> target,
    Optional<String> preset,
    Optional<String> protocol,
    Optional<Integer> vus,
    Optional<Duration> duration,
    Optional<String> rate,
    Optional<String> distribution,
    Optional<Integer> users,
    Optional<Double> spawnRate,
    Optional<Long> iterations,
    Optional<Long> maxMessages,
    Optional<Long> maxTokens,
    Optional<Long> seed,
    Optional<String> message,
    List<String> thresholds) {

  public ScenarioOverrides {
    thresholds = List.copyOf(thresholds);
  }

  /**
   * Only the flags that say where messages go, in which wire format and what they say; no load
   * flag, no threshold.
   */
  public static ScenarioOverrides of(
      Optional<String> target,
      Optional<String> preset,
      Optional<String> protocol,
      Optional<Long> seed,
      Optional<String> message) {
    return new ScenarioOverrides(
        target,
        preset,
        protocol,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        seed,
        message,
        List.of());
  }

  /** These overrides with {@code --iterations}. */
  public ScenarioOverrides withIterations(long perUser) {
    return new ScenarioOverrides(
        target,
        preset,
        protocol,
        vus,
        duration,
        rate,
        distribution,
        users,
        spawnRate,
        Optional.of(perUser),
        maxMessages,
        maxTokens,
        seed,
        message,
        thresholds);
  }

  /** No flags given. */
  public static ScenarioOverrides none() {
    return of(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
