package dev.streamstorm.protocol.stream;

import dev.streamstorm.protocol.SampleStreams;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.StreamSpec.Match;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The stream rules of the presets, as the scenario layer supplies them. */
final class Specs {

  private Specs() {}

  static final StreamSpec OPENAI_CHAT = SampleStreams.OPENAI_RULES;

  static final StreamSpec ANTHROPIC_MESSAGES =
      new StreamSpec(
          "/delta/text",
          Optional.of(Match.event("content_block_delta")),
          Match.event("message_stop"),
          Optional.of("/usage/output_tokens"),
          Map.of(),
          Optional.of(Match.event("error")));

  static final StreamSpec GENERIC_SESSION_API =
      new StreamSpec(
          "/content",
          Optional.of(Match.json("/type", "token")),
          Match.json("/type", "done"),
          Optional.of("/usage/tokens"),
          usage(),
          Optional.empty());

  static final StreamSpec WEBSOCKET_JSON =
      new StreamSpec(
          "/content",
          Optional.of(Match.json("/type", "token")),
          Match.json("/type", "done"),
          Optional.of("/usage/tokens"),
          usage(),
          Optional.of(Match.json("/type", "error")));

  /** Only a token pointer and a raw done marker. */
  static StreamSpec tokenAt(String pointer) {
    return new StreamSpec(
        pointer,
        Optional.empty(),
        Match.data("[DONE]"),
        Optional.empty(),
        Map.of(),
        Optional.empty());
  }

  private static Map<String, String> usage() {
    Map<String, String> usage = new LinkedHashMap<>();
    usage.put("llm_calls", "/usage/llm_calls");
    usage.put("tool_calls", "/usage/tool_calls");
    return usage;
  }
}
