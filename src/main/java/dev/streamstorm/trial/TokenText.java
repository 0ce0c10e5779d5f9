package dev.streamstorm.trial;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamstorm.scenario.Channel;
import dev.streamstorm.scenario.Location;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.TokenSource;
import dev.streamstorm.scenario.UsageRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * The numbers the spec reads that {@code e} holds ("tokenCount 55, inputCount 12"), null when it
   * holds none. Header numbers are not in events.
   */
  static String numbers(StreamSpec spec, EventData e) {
    if (e.json() == null) {
      return null;
    }
    Map<String, UsageRule> rules = new LinkedHashMap<>();
    spec.tokenCount().ifPresent(r -> rules.put("tokenCount", r));
    spec.reasoningCount().ifPresent(r -> rules.put("reasoningCount", r));
    spec.inputCount().ifPresent(r -> rules.put("inputCount", r));
    rules.putAll(spec.usage());
    List<String> found = new ArrayList<>();
    rules.forEach(
        (name, rule) -> {
          if (rule.at() instanceof Location.Json j) {
            JsonNode at = e.json().at(j.pointer());
            if (at.isNumber()) {
              found.add(name + " " + at.numberValue());
            }
          }
        });
    return found.isEmpty() ? null : String.join(", ", found);
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
