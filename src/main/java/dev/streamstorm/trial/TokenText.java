package dev.streamstorm.trial;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamstorm.scenario.Channel;
import dev.streamstorm.scenario.TokenSource;

/** The text a channel's rule finds in an event, read again after the run to show it. */
final class TokenText {
  private TokenText() {}

  /** The first non-empty string at the channel's pointers (or the raw data); null when none. */
  static String find(Channel c, EventData e) {
    if (c.token() instanceof TokenSource.Pointers p) {
      if (e.json() == null) {
        return null;
      }
      for (String pointer : p.pointers()) {
        JsonNode at = e.json().at(pointer);
        if (at.isTextual() && !at.textValue().isEmpty()) {
          return at.textValue();
        }
      }
      return null;
    }
    return e.data().isEmpty() ? null : e.data();
  }

  /** What is at {@code pointer}: "a string", "an empty string", "a number", ..., "absent". */
  static String kind(JsonNode at) {
    if (at == null || at.isMissingNode()) {
      return "absent";
    }
    if (at.isTextual()) {
      return at.textValue().isEmpty() ? "an empty string" : "a string";
    }
    if (at.isNumber()) {
      return "a number";
    }
    if (at.isBoolean()) {
      return "a boolean";
    }
    if (at.isObject()) {
      return "an object";
    }
    if (at.isArray()) {
      return "an array";
    }
    return "null";
  }
}
