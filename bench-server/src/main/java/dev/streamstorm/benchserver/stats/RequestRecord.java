package dev.streamstorm.benchserver.stats;

/**
 * What the server did for one request. Every {@code *Nanos} is {@code System.nanoTime()} taken just
 * before the bytes were handed to the socket, so a client on the same machine can compare it with
 * its own nanoTime (also across JVMs on Linux: one monotonic clock). Null when that point was never
 * reached.
 *
 * @param outcome ok, error (an error status was answered), dropped (drop fault), client_closed
 * @param fault the fault applied ("none" when none)
 * @param queueWaitMicros time spent waiting for a capacity slot
 */
public record RequestRecord(
    String id,
    String endpoint,
    int status,
    String outcome,
    String fault,
    long startEpochMs,
    long acceptedNanos,
    Long headersNanos,
    Long firstTokenNanos,
    Long lastTokenNanos,
    int tokens,
    long queueWaitMicros) {}
