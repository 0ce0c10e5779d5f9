package dev.streamstorm.metrics.results;

/**
 * Message totals. {@code total = ok + failed}; interrupted messages (cut by the run's end) are
 * counted apart and excluded from both.
 */
public record MessageCounts(
    long total,
    long ok,
    long failed,
    long interrupted,
    long retried,
    long retries,
    long reconnects) {}
