package dev.streamstorm.scenario;

import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request: a message (SSE) or the session set-up call.
 *
 * @param method HTTP method, upper case
 * @param path path and query appended to the target URL; a template
 * @param headers extra headers for this request only; values are templates
 * @param body JSON body template; empty for none. For openai-chat and anthropic-messages the preset
 *     adds the conversation history as {@code messages}.
 */
public record RequestSpec(
    String method, Template path, Map<String, Template> headers, Optional<JsonTemplate> body) {}
