package dev.streamstorm.metrics.results;

/** Rates over the measured time: successful messages and their output tokens per second. */
public record Throughput(double messagesPerSecond, double tokensPerSecond) {}
