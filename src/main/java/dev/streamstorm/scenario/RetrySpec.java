package dev.streamstorm.scenario;

import java.time.Duration;
import java.util.Set;

/**
 * Retries of a failed message attempt. Every attempt is recorded; the message's latency runs from
 * its first attempt's start.
 *
 * @param onStatus HTTP statuses that are retried (e.g. 429, 503)
 * @param max retries after the first attempt
 * @param honourRetryAfter wait as long as the server's Retry-After header says, when it says
 * @param backoff wait before a retry when the server gives no advice (doubled each time)
 */
public record RetrySpec(
    Set<Integer> onStatus, int max, boolean honourRetryAfter, Duration backoff) {}
