package dev.streamstorm.benchserver.model;

/**
 * Which of a message's channels an endpoint's wire format carries. A format without reasoning or
 * model tool calls gets plans without them; their counts are still drawn, so the random sequence
 * does not depend on the endpoint.
 */
public enum Channels {
  /** Answer text only (plain text, A2A, Realtime, the agent session API). */
  ANSWER_ONLY,
  /** Reasoning, model tool calls and answer (the LLM APIs). */
  ALL;

  public boolean reasoning() {
    return this == ALL;
  }

  public boolean toolCalls() {
    return this == ALL;
  }
}
