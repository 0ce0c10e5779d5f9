package dev.streamstorm.scenario;

import java.util.List;

/** Where a channel's token text is in an event. */
public sealed interface TokenSource permits TokenSource.Pointers, TokenSource.RawData {

  /**
   * JSON Pointers tried in order: the first that holds a non-empty string is the token (a channel
   * whose servers name the field differently, as DeepSeek's {@code reasoning_content} and vLLM's
   * {@code reasoning}). The root pointer {@code ""} takes a document that is itself a JSON string.
   */
  record Pointers(List<String> pointers) implements TokenSource {
    public Pointers {
      pointers = List.copyOf(pointers);
      if (pointers.isEmpty()) {
        throw new IllegalArgumentException("a token needs at least one pointer");
      }
    }
  }

  /** The event's whole data, unparsed, is the token (plain-text streams); empty data is none. */
  record RawData() implements TokenSource {}

  static TokenSource pointer(String pointer) {
    return new Pointers(List.of(pointer));
  }
}
