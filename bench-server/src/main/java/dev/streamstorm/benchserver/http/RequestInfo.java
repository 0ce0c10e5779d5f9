package dev.streamstorm.benchserver.http;

/**
 * Identity and arrival of one request.
 *
 * @param endpoint the route template, e.g. {@code /v1/chat/completions}
 * @param sequence the request's number in arrival order (seeds its random generator), 0 if none
 * @param acceptedNs System.nanoTime() when the handler first saw the request
 */
record RequestInfo(
    String requestId, String endpoint, long sequence, long acceptedNs, long startEpochMs) {}
