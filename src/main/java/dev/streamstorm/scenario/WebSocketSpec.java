package dev.streamstorm.scenario;

/**
 * How a WebSocket conversation is opened and what one message frame holds.
 *
 * @param path path (and query) of the WebSocket endpoint; a template, so it can name the session
 * @param message the text frame sent per message, a JSON template (default {@code {"type":
 *     "message", "content": "${message}"}})
 */
public record WebSocketSpec(Template path, JsonTemplate message) {}
