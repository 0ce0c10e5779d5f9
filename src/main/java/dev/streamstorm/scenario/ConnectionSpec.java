package dev.streamstorm.scenario;

/**
 * How a user holds its connections.
 *
 * @param reuse true (default): a user keeps one keep-alive connection from message to message, as
 *     SDKs do; false: a new connection per message
 * @param reconnect EventSource-style reconnection of a stream the server ended early, honouring
 *     {@code retry} and sending {@code Last-Event-ID}; off unless asked for
 * @param maxReconnects reconnections allowed per message when {@code reconnect} is on
 */
public record ConnectionSpec(boolean reuse, boolean reconnect, int maxReconnects) {}
