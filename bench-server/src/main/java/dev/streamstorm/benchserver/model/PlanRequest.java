package dev.streamstorm.benchserver.model;

/**
 * What a request asks of the latency model.
 *
 * @param priorMessages messages already in the conversation (each costs historyCost)
 * @param maxTokens the client's max_tokens (caps the answer), or 0 when it set none
 * @param toolIntent the agent lookup the message asks for, or null
 * @param channels which channels the endpoint's format carries
 */
public record PlanRequest(
    int priorMessages,
    int maxTokens,
    ToolIntent toolIntent,
    Overrides overrides,
    Channels channels) {

  /** An answer-only request (the agent endpoints, and tests). */
  public PlanRequest(int priorMessages, int maxTokens, ToolIntent toolIntent, Overrides overrides) {
    this(priorMessages, maxTokens, toolIntent, overrides, Channels.ANSWER_ONLY);
  }
}
