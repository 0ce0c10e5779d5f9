package dev.streamstorm.scenario;

/**
 * How a preset's request body carries the conversation so far (turn N sends turns 1..N-1, their
 * replies and the new message).
 *
 * @param key the top-level body key that holds the list
 * @param shape how each message is written
 */
public record HistoryFormat(String key, Shape shape) {

  /** One message of the list, by API family. */
  public enum Shape {
    /** {@code {"role": "user" | "assistant", "content": TEXT}} (OpenAI, Anthropic, Responses). */
    CHAT,
    /** {@code {"role": "user" | "model", "parts": [{"text": TEXT}]}} (Gemini). */
    GEMINI,
    /** {@code {"id": ID, "role": ..., "parts": [{"type": "text", "text": TEXT}]}} (AI SDK UI). */
    UI
  }
}
