package dev.streamstorm.scenario;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A condition on one SSE event or WebSocket text frame. Leaves look at the event's name, its raw
 * data or a JSON value in it; {@link AnyOf}, {@link AllOf} and {@link Not} combine them.
 */
public sealed interface Match
    permits Match.Event, Match.Data, Match.Json, Match.AnyOf, Match.AllOf, Match.Not {

  /** The SSE event name equals {@code name}; never true for a WebSocket frame. */
  record Event(String name) implements Match {}

  /** The event's raw data equals {@code text} (e.g. {@code [DONE]}), without parsing it. */
  record Data(String text) implements Match {}

  /**
   * The JSON value at {@code pointer}: equal to {@code equals} with its JSON type (a string equals
   * only a string, {@code true} only a boolean, a number only a number of the same value), or, with
   * no {@code equals}, present and not null (OpenAI's in-stream {@code {"error": {...}}}).
   */
  record Json(String pointer, Optional<Expected> equals) implements Match {}

  /** At least one of {@code matches} holds. */
  record AnyOf(List<Match> matches) implements Match {}

  /** Every one of {@code matches} holds. */
  record AllOf(List<Match> matches) implements Match {}

  /** {@code match} does not hold. */
  record Not(Match match) implements Match {}

  /** A typed JSON value that {@link Json} compares with. */
  sealed interface Expected permits Text, Number, Bool, Null {}

  /** A JSON string; a template, rendered per message (e.g. a JSON-RPC id). */
  record Text(Template value) implements Expected {}

  /** A JSON number, compared by value ({@code 1} equals {@code 1.0}). */
  record Number(BigDecimal value) implements Expected {}

  record Bool(boolean value) implements Expected {}

  /** JSON {@code null}. */
  record Null() implements Expected {}

  static Match event(String name) {
    return new Event(name);
  }

  static Match data(String text) {
    return new Data(text);
  }

  /** The JSON string at {@code pointer} equals {@code value} (no placeholders). */
  static Match json(String pointer, String value) {
    return new Json(pointer, Optional.of(new Text(Template.literal(value))));
  }

  static Match jsonPresent(String pointer) {
    return new Json(pointer, Optional.empty());
  }
}
