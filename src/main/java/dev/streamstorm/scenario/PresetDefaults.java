package dev.streamstorm.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamstorm.scenario.StreamSpec.Match;
import java.util.Map;
import java.util.Optional;

/**
 * What each preset supplies when a scenario leaves a key out. A file's {@code request} and {@code
 * stream} keys replace these one by one; request headers are merged (the file's win).
 */
final class PresetDefaults {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Stream rules with every key optional: the preset's, or the file's before merging. */
  record StreamRules(
      Optional<String> token,
      Optional<Match> tokenWhen,
      Optional<Match> done,
      Optional<String> tokenCount,
      Map<String, String> usage,
      Optional<Match> error) {}

  /** Request defaults; {@code path} empty where the scenario must give one (generic). */
  record RequestDefaults(
      String method, Optional<String> path, Map<String, String> headers, Optional<JsonNode> body) {}

  static final String WEBSOCKET_PATH = "/ws";

  private PresetDefaults() {}

  static Protocol protocol(Preset preset) {
    return preset == Preset.WEBSOCKET_JSON ? Protocol.WEBSOCKET : Protocol.SSE;
  }

  static Preset forProtocol(Protocol protocol) {
    return protocol == Protocol.WEBSOCKET ? Preset.WEBSOCKET_JSON : Preset.OPENAI_CHAT;
  }

  static RequestDefaults request(Preset preset) {
    return switch (preset) {
      case OPENAI_CHAT -> {
        ObjectNode body = JSON.objectNode().put("model", "bench").put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        yield new RequestDefaults(
            "POST", Optional.of("/v1/chat/completions"), Map.of(), Optional.of(body));
      }
      case ANTHROPIC_MESSAGES ->
          new RequestDefaults(
              "POST",
              Optional.of("/v1/messages"),
              Map.of("anthropic-version", "2023-06-01"),
              Optional.of(
                  JSON.objectNode()
                      .put("model", "bench")
                      .put("max_tokens", 1024)
                      .put("stream", true)));
      case GENERIC -> new RequestDefaults("POST", Optional.empty(), Map.of(), Optional.empty());
      // Messages travel as WebSocket frames; the request is only used if the protocol is switched.
      case WEBSOCKET_JSON ->
          new RequestDefaults("POST", Optional.of("/"), Map.of(), Optional.empty());
    };
  }

  /** The frame a websocket-json message sends. */
  static JsonNode websocketMessage() {
    return JSON.objectNode().put("type", "message").put("content", "${message}");
  }

  static StreamRules stream(Preset preset) {
    return switch (preset) {
      case OPENAI_CHAT ->
          new StreamRules(
              Optional.of("/choices/0/delta/content"),
              Optional.empty(),
              Optional.of(Match.data("[DONE]")),
              Optional.of("/usage/completion_tokens"),
              Map.of(),
              Optional.of(Match.jsonPresent("/error")));
      case ANTHROPIC_MESSAGES ->
          new StreamRules(
              Optional.of("/delta/text"),
              Optional.of(Match.event("content_block_delta")),
              Optional.of(Match.event("message_stop")),
              Optional.of("/usage/output_tokens"),
              Map.of(),
              Optional.of(Match.event("error")));
      case GENERIC ->
          new StreamRules(
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Map.of(),
              Optional.empty());
      case WEBSOCKET_JSON ->
          new StreamRules(
              Optional.of("/content"),
              Optional.of(Match.json("/type", "token")),
              Optional.of(Match.json("/type", "done")),
              Optional.of("/usage/tokens"),
              Map.of(),
              Optional.of(Match.json("/type", "error")));
    };
  }
}
