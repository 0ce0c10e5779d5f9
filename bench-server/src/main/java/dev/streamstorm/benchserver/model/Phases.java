package dev.streamstorm.benchserver.model;

/**
 * Planned phase durations of one agent message, as an instrumented agent would log them; the
 * realised times differ only by the server's send jitter (reported in /stats).
 */
public record Phases(long contextLoadNanos, long llmCallNanos, long toolExecutionNanos) {}
