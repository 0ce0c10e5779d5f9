package dev.streamstorm.benchserver.stats;

/**
 * The server's own send jitter: actual write time minus due time, over every scheduled write
 * (tokens, tool events, end of stream), in microseconds.
 */
public record JitterSummary(long count, long p50Micros, long p99Micros, long maxMicros) {}
