package dev.streamstorm.scenario;

import java.time.Duration;

/**
 * Per-message time limits.
 *
 * @param connect opening a connection
 * @param firstToken from message start to the first content token (error class timeout_first_token)
 * @param message from message start to its end (error class timeout)
 */
public record Timeouts(Duration connect, Duration firstToken, Duration message) {}
