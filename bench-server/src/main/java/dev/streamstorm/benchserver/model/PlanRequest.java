package dev.streamstorm.benchserver.model;

/**
 * What a request asks of the latency model.
 *
 * @param priorMessages messages already in the conversation (each costs historyCost)
 * @param maxTokens the client's max_tokens, or 0 when it set none
 * @param toolIntent the lookup the message asks for, or null
 */
public record PlanRequest(
    int priorMessages, int maxTokens, ToolIntent toolIntent, Overrides overrides) {}
