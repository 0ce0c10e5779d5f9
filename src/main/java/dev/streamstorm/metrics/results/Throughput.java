package dev.streamstorm.metrics.results;

/**
 * Rates over the measured time: successful messages, their answer tokens, their input tokens (where
 * known) and their reasoning tokens, per second.
 */
public record Throughput(
    double messagesPerSecond,
    double tokensPerSecond,
    double inputTokensPerSecond,
    double reasoningTokensPerSecond) {

  /** Messages and answer tokens only. */
  public Throughput(double messagesPerSecond, double tokensPerSecond) {
    this(messagesPerSecond, tokensPerSecond, 0, 0);
  }
}
