package dev.streamstorm.scenario;

import java.util.List;

/**
 * One kind of conversation in the mix.
 *
 * @param name tag used in every per-conversation breakdown
 * @param weight relative share of the mix (positive)
 * @param turns the messages sent in order, each after the previous reply ended
 */
public record ConversationSpec(String name, double weight, List<Turn> turns) {

  /**
   * One message of a conversation.
   *
   * @param message the text sent; a template
   * @param thinkTime pause before this turn (after the previous reply); null means the scenario's
   *     {@code thinkTime}
   */
  public record Turn(Template message, Delay thinkTime) {}
}
