package dev.streamstorm.scenario;

import java.util.Optional;

/**
 * The tool-call channel of a message.
 *
 * @param start an event that starts a tool call: one call counted per matching event, the first one
 *     is the message's {@code ttfc}
 * @param when optional: the other events of the channel (argument deltas, tool results), which
 *     belong to it rather than being ignored (the trace classifies them as {@code tool})
 */
public record ToolCallRule(Match start, Optional<Match> when) {}
