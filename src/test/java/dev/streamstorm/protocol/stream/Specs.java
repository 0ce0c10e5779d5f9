package dev.streamstorm.protocol.stream;

import dev.streamstorm.protocol.SampleStreams;
import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.Preset;
import dev.streamstorm.scenario.PresetRules;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.UsageRule;

/** Stream rules for the tests: the shipped presets' own, and small hand-made ones. */
final class Specs {

  private Specs() {}

  /** The openai-chat preset's answer rules only (token, [DONE], usage count). */
  static final StreamSpec OPENAI_CHAT = SampleStreams.OPENAI_RULES;

  static final StreamSpec OPENAI_PRESET = PresetRules.stream(Preset.OPENAI_CHAT);
  static final StreamSpec ANTHROPIC_MESSAGES = PresetRules.stream(Preset.ANTHROPIC_MESSAGES);
  static final StreamSpec WEBSOCKET_JSON = PresetRules.stream(Preset.WEBSOCKET_JSON);

  /** The bench-server session API's rules, as support-agent.yaml writes them. */
  static final StreamSpec GENERIC_SESSION_API =
      StreamSpec.builder()
          .token("/content", Match.json("/type", "token"))
          .done(Match.json("/type", "done"))
          .tokenCount("/usage/tokens")
          .usage("llm_calls", UsageRule.at("/usage/llm_calls"))
          .usage("agent_tool_calls", UsageRule.at("/usage/tool_calls"))
          .build();

  /** Only a token pointer and a raw done marker. */
  static StreamSpec tokenAt(String pointer) {
    return StreamSpec.builder().token(pointer).done(Match.data("[DONE]")).build();
  }
}
