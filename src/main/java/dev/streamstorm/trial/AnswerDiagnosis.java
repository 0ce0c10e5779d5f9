package dev.streamstorm.trial;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamstorm.scenario.Channel;
import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.TokenSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why a message got no answer token, in terms of what its events held: for each of the answer's
 * pointers, how many events had what there (a string? an empty string? a number? absent?), how many
 * events were not JSON, whether {@code tokenWhen} ever held (and, when it did not, which event
 * types and {@code type} values did occur), which strings changed from event to event (where answer
 * text usually is), and the first event. Read from the trace after the run, with Jackson.
 */
final class AnswerDiagnosis {
  /** Values listed for a pointer that a rule looks at. */
  private static final int VALUES_SHOWN = 6;

  private AnswerDiagnosis() {}

  /**
   * The lines: a headline ("0 answer tokens: 57 events, none had a string at ...") then details.
   *
   * @param head the response's head, null when none came
   */
  static List<String> explain(
      StreamSpec spec, Protocol protocol, List<EventData> events, int comments, Seen.Head head) {
    List<String> lines = new ArrayList<>();
    if (events.isEmpty()) {
      lines.add(
          "0 answer tokens: no "
              + (protocol == Protocol.WEBSOCKET ? "text frames" : "events")
              + (comments > 0 ? " (" + comments + " comments)" : "")
              + noEvents(protocol, head));
      return lines;
    }
    Channel answer = spec.answer();
    String things = count(events.size(), protocol == Protocol.WEBSOCKET ? "frame" : "event");
    List<EventData> taken = events;
    if (answer.when().isPresent()) {
      Match when = answer.when().get();
      taken =
          events.stream().filter(e -> !Boolean.FALSE.equals(MatchCheck.holds(when, e))).toList();
      if (taken.isEmpty()) {
        lines.add(
            "0 answer tokens: "
                + things
                + ", and tokenWhen ("
                + RuleText.match(when)
                + ") held for none of them");
        lines.addAll(seenTypes(events, when));
      }
    }
    if (lines.isEmpty()) {
      String where =
          answer.token() instanceof TokenSource.Pointers
              ? "none had a string at " + RuleText.source(answer.token())
              : "all had empty data";
      lines.add(
          "0 answer tokens: "
              + things
              + (taken.size() < events.size()
                  ? "; tokenWhen held for " + taken.size() + ", and " + where
                  : ", " + where));
      if (answer.token() instanceof TokenSource.Pointers p) {
        for (String pointer : p.pointers()) {
          lines.add("  " + RuleText.pointer(pointer) + ": " + kinds(taken, pointer));
        }
      }
    }
    long notJson = events.stream().filter(e -> e.json() == null).count();
    if (notJson > 0 && answer.token() instanceof TokenSource.Pointers) {
      EventData first = events.stream().filter(e -> e.json() == null).findFirst().orElseThrow();
      lines.add(
          "  "
              + (notJson == events.size()
                  ? "none of them was JSON"
                  : count(notJson, protocol == Protocol.WEBSOCKET ? "frame" : "event")
                      + (notJson == 1 ? " was" : " were")
                      + " not JSON")
              + ", such as "
              + Excerpt.quoted(first.data(), 40));
    }
    List<VaryingStrings.Found> varying = VaryingStrings.of(events, pointers(answer));
    if (!varying.isEmpty()) {
      lines.add(
          "  strings that change from event to event: "
              + varying.stream()
                  .map(VaryingStrings.Found::describe)
                  .collect(Collectors.joining(", ")));
    }
    lines.add("  the first: " + events.get(0).describe());
    return lines;
  }

  /** Why there were no events, from the response's head. */
  private static String noEvents(Protocol protocol, Seen.Head head) {
    if (head == null) {
      return ": no response";
    }
    if (protocol == Protocol.WEBSOCKET) {
      return head.status() == 101 ? ": the socket opened, then no text frame came" : "";
    }
    if (head.status() / 100 != 2) {
      return ": HTTP " + head.status();
    }
    return ": " + contentTypeProblem(head.contentType()).orElse("the event stream held none");
  }

  /** What is wrong with a response's Content-Type for an event stream; empty when nothing. */
  static Optional<String> contentTypeProblem(String contentType) {
    if (contentType == null) {
      return Optional.of("the response named no Content-Type (not an event stream)");
    }
    String type = contentType.toLowerCase(Locale.ROOT).strip();
    if (type.startsWith("text/event-stream")) {
      return Optional.empty();
    }
    String problem = "not an event stream: Content-Type " + Excerpt.of(contentType, 60);
    if (type.startsWith("application/json")) {
      problem += " (one JSON answer: does the request ask for a stream, \"stream\": true?)";
    }
    return Optional.of(problem);
  }

  /** "absent in 55, an empty string in 1". */
  private static String kinds(List<EventData> events, String pointer) {
    Map<String, Integer> kinds = new LinkedHashMap<>();
    for (EventData e : events) {
      if (e.json() != null) {
        kinds.merge(TokenText.kind(e.json().at(pointer)), 1, Integer::sum);
      }
    }
    List<String> parts = new ArrayList<>();
    kinds.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(k -> parts.add(k.getKey() + " in " + k.getValue()));
    return parts.isEmpty() ? "no event was JSON" : String.join(", ", parts);
  }

  /** When tokenWhen never held: the event types and the values at the rule's pointers. */
  private static List<String> seenTypes(List<EventData> events, Match when) {
    List<String> lines = new ArrayList<>();
    Map<String, Integer> types = new LinkedHashMap<>();
    for (EventData e : events) {
      if (e.type() != null) {
        types.merge(e.type(), 1, Integer::sum);
      }
    }
    if (!types.isEmpty()) {
      lines.add("  event types seen: " + tally(types));
    }
    Set<String> pointers = new LinkedHashSet<>();
    leafPointers(when, pointers);
    pointers.add("/type");
    for (String pointer : pointers) {
      Map<String, Integer> values = new LinkedHashMap<>();
      for (EventData e : events) {
        JsonNode at = e.json() == null ? null : e.json().at(pointer);
        if (at != null && !at.isMissingNode() && at.isValueNode()) {
          values.merge(
              at.isTextual() ? Excerpt.quoted(at.textValue(), 40) : at.toString(), 1, Integer::sum);
        }
      }
      if (!values.isEmpty()) {
        lines.add("  values at " + RuleText.pointer(pointer) + ": " + tally(values));
      }
    }
    return lines;
  }

  private static void leafPointers(Match m, Set<String> out) {
    if (m instanceof Match.Json j) {
      out.add(j.pointer());
    } else if (m instanceof Match.AnyOf any) {
      any.matches().forEach(inner -> leafPointers(inner, out));
    } else if (m instanceof Match.AllOf all) {
      all.matches().forEach(inner -> leafPointers(inner, out));
    } else if (m instanceof Match.Not not) {
      leafPointers(not.match(), out);
    }
  }

  /** "message ×55, done ×1", the most frequent first, the rest counted. */
  private static String tally(Map<String, Integer> counts) {
    List<Map.Entry<String, Integer>> sorted =
        counts.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .toList();
    String shown =
        sorted.stream()
            .limit(VALUES_SHOWN)
            .map(e -> e.getKey() + " ×" + e.getValue())
            .collect(Collectors.joining(", "));
    return sorted.size() > VALUES_SHOWN
        ? shown + " and " + (sorted.size() - VALUES_SHOWN) + " more"
        : shown;
  }

  private static List<String> pointers(Channel c) {
    return c.token() instanceof TokenSource.Pointers p ? p.pointers() : List.of();
  }

  /** "57 events", "1 event". */
  static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
  }
}
