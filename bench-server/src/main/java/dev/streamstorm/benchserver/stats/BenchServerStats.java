package dev.streamstorm.benchserver.stats;

import java.util.List;
import java.util.Map;

/**
 * The snapshot {@code GET /stats} returns.
 *
 * @param requests completed requests by endpoint (route template) and HTTP status
 * @param faults requests by applied fault
 * @param activeStreams responses open now (headers sent or waiting for a slot, not yet ended)
 * @param generating requests holding a capacity slot now
 * @param queueDepth requests waiting for a slot now
 * @param tokensSent content tokens written since the last reset
 * @param recent the most recent completed requests, oldest first
 */
public record BenchServerStats(
    Map<String, Map<String, Long>> requests,
    Map<String, Long> faults,
    int activeStreams,
    int generating,
    int queueDepth,
    long tokensSent,
    JitterSummary jitter,
    List<RequestRecord> recent) {}
