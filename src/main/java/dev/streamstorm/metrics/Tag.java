package dev.streamstorm.metrics;

/**
 * Which slice of the messages a series holds: all of them, one conversation, or one turn of one
 * conversation.
 *
 * @param conversation null for all conversations
 * @param turn 1-based turn within the conversation; 0 for all turns
 */
public record Tag(String conversation, int turn) {

  public static final Tag ALL = new Tag(null, 0);

  public static Tag conversation(String name) {
    return new Tag(name, 0);
  }

  public static Tag turn(String conversation, int turn) {
    return new Tag(conversation, turn);
  }

  public boolean isAll() {
    return conversation == null;
  }

  public boolean isTurn() {
    return turn > 0;
  }

  /** A stable label, e.g. {@code all}, {@code simple}, {@code multi_turn#2}. */
  public String label() {
    if (conversation == null) {
      return "all";
    }
    return turn == 0 ? conversation : conversation + "#" + turn;
  }
}
