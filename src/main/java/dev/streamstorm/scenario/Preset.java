package dev.streamstorm.scenario;

import java.util.Locale;

/**
 * A wire format known to streamstorm. A preset supplies the request defaults and the stream rules,
 * so that a scenario for a common API needs neither. The rules are data, written in the scenario
 * language (resources {@code dev/streamstorm/scenario/presets/ID.yaml}), not code paths.
 */
public enum Preset {
  /** OpenAI chat completions: content, reasoning_content / reasoning, tool_calls, usage. */
  OPENAI_CHAT("openai-chat", Protocol.SSE),
  /** OpenAI Responses API: output_text, reasoning summaries, function calls, response.completed. */
  OPENAI_RESPONSES("openai-responses", Protocol.SSE),
  /** Anthropic messages: text, thinking and tool_use blocks; message_stop ends. */
  ANTHROPIC_MESSAGES("anthropic-messages", Protocol.SSE),
  /** Gemini streamGenerateContent (alt=sse): text and thought parts; the stream ends on close. */
  GEMINI("gemini", Protocol.SSE),
  /** Plain-text SSE: each event's raw data is a token. */
  TEXT("text", Protocol.SSE),
  /** Vercel AI SDK UI message stream. */
  VERCEL_AI("vercel-ai", Protocol.SSE),
  /** A2A message/stream: JSON-RPC results, artifact text, the final status update ends. */
  A2A("a2a", Protocol.SSE),
  /** Any SSE API: tokens (and the end) found by the scenario's JSON Pointer rules. */
  GENERIC("generic", Protocol.SSE),
  /** JSON text frames over WebSocket with type token / done (bench-server's shape by default). */
  WEBSOCKET_JSON("websocket-json", Protocol.WEBSOCKET),
  /** OpenAI Realtime API over WebSocket, text responses. */
  OPENAI_REALTIME("openai-realtime", Protocol.WEBSOCKET);

  private final String id;
  private final Protocol protocol;

  Preset(String id, Protocol protocol) {
    this.id = id;
    this.protocol = protocol;
  }

  /** The name used in scenario files and on the command line. */
  public String id() {
    return id;
  }

  /** The transport this preset's API speaks. */
  public Protocol protocol() {
    return protocol;
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
