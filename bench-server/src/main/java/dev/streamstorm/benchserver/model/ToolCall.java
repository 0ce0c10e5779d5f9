package dev.streamstorm.benchserver.model;

import java.util.Map;

/** A tool call the fake agent makes, with the result the fake tool returns. */
public record ToolCall(
    String id, String name, Map<String, Object> arguments, Map<String, Object> result) {}
