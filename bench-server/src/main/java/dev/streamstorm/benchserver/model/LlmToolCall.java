package dev.streamstorm.benchserver.model;

import java.util.List;

/**
 * A tool call the fake model makes inside an LLM response (OpenAI tool_calls, Anthropic tool_use,
 * Gemini functionCall, ...): the client executes it, bench-server never answers it.
 *
 * @param id the call id, {@code call_<base36>}
 * @param argumentsJson the arguments as one compact JSON object
 * @param argumentChunks {@code argumentsJson} cut into the pieces streamed as argument deltas
 */
public record LlmToolCall(
    String id, String name, String argumentsJson, List<String> argumentChunks) {}
