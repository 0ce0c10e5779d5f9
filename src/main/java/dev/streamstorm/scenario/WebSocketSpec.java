package dev.streamstorm.scenario;

/**
 * How a WebSocket conversation is opened and what one message frame holds.
 *
 * @param path path (and query) of the WebSocket endpoint; a template, so it can name the session
 * @param message the text frame sent per message, a JSON template (default {@code {"type":
 *     "message", "content": "${message}"}})
 * @param maxMessageBytes the longest message received (one frame, or the fragments of one): past it
 *     the message fails as too_large
 */
public record WebSocketSpec(Template path, JsonTemplate message, int maxMessageBytes) {

  public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 << 20;

  public WebSocketSpec(Template path, JsonTemplate message) {
    this(path, message, DEFAULT_MAX_MESSAGE_BYTES);
  }
}
