package dev.streamstorm.trial;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamstorm.scenario.Match;

/**
 * Decides a stream rule on a parsed event after the run, to say why a channel took nothing. It
 * follows the interpreter's semantics (docs/scenario-reference.md, matches): a typed {@code
 * equals}, a present-and-not-null test without one. A string to compare that holds per-message
 * placeholders ({@code msg-${vu}-${turn}}) cannot be decided here: such rules answer null.
 */
final class MatchCheck {
  private MatchCheck() {}

  /** TRUE, FALSE, or null when the rule depends on per-message values. */
  static Boolean holds(Match m, EventData e) {
    if (m instanceof Match.Event ev) {
      return e.type() != null && e.type().equals(ev.name());
    }
    if (m instanceof Match.Data d) {
      return e.data().equals(d.text());
    }
    if (m instanceof Match.Json j) {
      JsonNode at = e.json() == null ? null : e.json().at(j.pointer());
      boolean present = at != null && !at.isMissingNode();
      if (j.equals().isEmpty()) {
        return present && !at.isNull();
      }
      return present ? equal(j.equals().get(), at) : Boolean.FALSE;
    }
    if (m instanceof Match.AnyOf any) {
      boolean unknown = false;
      for (Match inner : any.matches()) {
        Boolean h = holds(inner, e);
        if (Boolean.TRUE.equals(h)) {
          return true;
        }
        unknown |= h == null;
      }
      return unknown ? null : Boolean.FALSE;
    }
    if (m instanceof Match.AllOf all) {
      boolean unknown = false;
      for (Match inner : all.matches()) {
        Boolean h = holds(inner, e);
        if (Boolean.FALSE.equals(h)) {
          return false;
        }
        unknown |= h == null;
      }
      return unknown ? null : Boolean.TRUE;
    }
    Boolean inner = holds(((Match.Not) m).match(), e);
    return inner == null ? null : !inner;
  }

  private static Boolean equal(Match.Expected v, JsonNode at) {
    if (v instanceof Match.Text t) {
      if (!t.value().isConstant()) {
        return null;
      }
      return at.isTextual() && at.textValue().equals(t.value().render(null));
    }
    if (v instanceof Match.Number n) {
      return at.isNumber() && at.decimalValue().compareTo(n.value()) == 0;
    }
    if (v instanceof Match.Bool b) {
      return at.isBoolean() && at.booleanValue() == b.value();
    }
    return at.isNull();
  }
}
