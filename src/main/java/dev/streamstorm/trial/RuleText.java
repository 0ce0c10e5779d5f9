package dev.streamstorm.trial;

import dev.streamstorm.scenario.Channel;
import dev.streamstorm.scenario.Location;
import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.TokenSource;
import dev.streamstorm.scenario.UsageRule;
import java.util.List;
import java.util.stream.Collectors;

/** Stream rules as short text, for the lines of {@code try}: {@code /type == "token"}. */
final class RuleText {
  private RuleText() {}

  static String match(Match m) {
    if (m instanceof Match.Event e) {
      return "event " + e.name();
    }
    if (m instanceof Match.Data d) {
      return "data " + Excerpt.quoted(d.text(), 40);
    }
    if (m instanceof Match.Json j) {
      return pointer(j.pointer()) + j.equals().map(v -> " == " + expected(v)).orElse(" present");
    }
    if (m instanceof Match.AnyOf any) {
      return "any of (" + all(any.matches()) + ")";
    }
    if (m instanceof Match.AllOf all) {
      return "all of (" + all(all.matches()) + ")";
    }
    return "not (" + match(((Match.Not) m).match()) + ")";
  }

  private static String all(List<Match> matches) {
    return matches.stream().map(RuleText::match).collect(Collectors.joining(", "));
  }

  private static String expected(Match.Expected v) {
    if (v instanceof Match.Text t) {
      return Excerpt.quoted(t.value().source(), 40);
    }
    if (v instanceof Match.Number n) {
      return n.value().toPlainString();
    }
    if (v instanceof Match.Bool b) {
      return Boolean.toString(b.value());
    }
    return "null";
  }

  /** Where a channel's text is: its pointers, or the raw data. */
  static String source(TokenSource t) {
    if (t instanceof TokenSource.Pointers p) {
      return p.pointers().stream().map(RuleText::pointer).collect(Collectors.joining(" or "));
    }
    return "the raw data";
  }

  /** A channel: where its text is, and its filter. */
  static String channel(Channel c) {
    return source(c.token()) + c.when().map(w -> " when " + match(w)).orElse("");
  }

  static String number(UsageRule r) {
    return r.at() instanceof Location.Header h
        ? "header " + h.name()
        : pointer(((Location.Json) r.at()).pointer());
  }

  /** The root pointer is the empty string: shown quoted, so that it shows at all. */
  static String pointer(String p) {
    return p.isEmpty() ? "\"\"" : p;
  }
}
