package dev.streamstorm.scenario;

import java.util.Locale;

/**
 * A wire format known to streamstorm. A preset supplies the request defaults and the stream rules,
 * so that a scenario for a common API needs neither.
 */
public enum Preset {
  /** OpenAI chat completions: history in {@code messages}, {@code [DONE]} ends. */
  OPENAI_CHAT("openai-chat"),
  /** Anthropic messages: content_block_delta text is a token, message_stop ends. */
  ANTHROPIC_MESSAGES("anthropic-messages"),
  /** Any SSE API: tokens and the end found by the scenario's JSON Pointer rules. */
  GENERIC("generic"),
  /** JSON text frames over WebSocket with type token / done (bench-server's shape by default). */
  WEBSOCKET_JSON("websocket-json");

  private final String id;

  Preset(String id) {
    this.id = id;
  }

  /** The name used in scenario files and on the command line. */
  public String id() {
    return id;
  }

  /** Looks a preset up by its scenario name; null when there is none of that name. */
  public static Preset byId(String id) {
    for (Preset p : values()) {
      if (p.id.equals(id.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    return null;
  }
}
