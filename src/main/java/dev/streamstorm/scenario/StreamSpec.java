package dev.streamstorm.scenario;

import java.util.Map;
import java.util.Optional;

/**
 * Where tokens are in the stream and when a message is done. Presets provide defaults; a scenario's
 * {@code stream:} keys replace them one by one. Pointers are RFC 6901 JSON Pointers into an SSE
 * event's data (or a WebSocket text frame).
 *
 * @param token pointer to a token's text; an event or frame whose text there is a non-empty string
 *     counts as one content token (a chunk)
 * @param tokenWhen optional filter: only events that match it can carry tokens
 * @param done the rule that ends a message
 * @param tokenCount optional pointer to the server's output-token count (e.g. a usage chunk); when
 *     present in the stream it is the message's token count, otherwise content chunks are counted
 * @param usage named pointers to numbers the server reports (llm_calls, tool_calls, ...)
 * @param error optional rule marking an in-stream error event (the message fails as protocol)
 */
public record StreamSpec(
    String token,
    Optional<Match> tokenWhen,
    Match done,
    Optional<String> tokenCount,
    Map<String, String> usage,
    Optional<Match> error) {

  /**
   * A condition on one event or frame. Exactly one form applies:
   *
   * <ul>
   *   <li>{@code event}: the SSE event name equals the value;
   *   <li>{@code data}: the raw data equals the value (e.g. {@code [DONE]});
   *   <li>{@code json} + {@code equals}: the JSON value at the pointer, as text, equals the value;
   *   <li>{@code json} alone: the pointer exists in the JSON and its value is not null (OpenAI's
   *       in-stream {@code {"error": {...}}}).
   * </ul>
   */
  public record Match(
      Optional<String> event,
      Optional<String> data,
      Optional<String> json,
      Optional<String> equalsValue) {

    public static Match event(String name) {
      return new Match(Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static Match data(String raw) {
      return new Match(Optional.empty(), Optional.of(raw), Optional.empty(), Optional.empty());
    }

    public static Match json(String pointer, String value) {
      return new Match(
          Optional.empty(), Optional.empty(), Optional.of(pointer), Optional.of(value));
    }

    public static Match jsonPresent(String pointer) {
      return new Match(Optional.empty(), Optional.empty(), Optional.of(pointer), Optional.empty());
    }
  }
}
