package dev.streamstorm.trial;

import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.scenario.Preset;
import dev.streamstorm.scenario.PresetRules;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which preset's rules read a recorded answer: every preset of the protocol (but {@code generic},
 * which has no rules of its own) re-reads the events offline, through the real decoder and
 * interpreter, and the one that finds answer tokens (its done rule matching breaks ties) is named;
 * when none does, why not: nothing came back, an HTTP error, not an event stream, events that are
 * not JSON, or JSON in which no preset finds text.
 *
 * <p>Each preset reads the events as {@link Reread} does. Rules with per-message values ({@code
 * a2a}'s JSON-RPC id) cannot match a request they did not send, so such a preset is named only if
 * its other rules find text. The {@code text} preset takes any non-empty data as text, so it fits
 * only events that are not JSON.
 */
final class PresetFit {
  private PresetFit() {}

  /** What one preset's rules made of the events. */
  record Reading(Preset preset, Reread found) {

    boolean output() {
      return found.tokens() > 0 || found.toolCalls() > 0;
    }

    /** Output less what it could not parse: the evidence for this preset. */
    int score() {
      return found.tokens() + found.toolCalls() - found.malformed();
    }

    /** "anthropic-messages 42 tokens, done"; the text preset is no reading of JSON events. */
    String summary(boolean jsonEvents) {
      if (jsonEvents && preset == Preset.TEXT) {
        return preset.id() + " (not for JSON)";
      }
      StringBuilder s = new StringBuilder(preset.id()).append(' ');
      s.append(AnswerDiagnosis.count(found.tokens(), "token"));
      if (found.reasoning() > 0) {
        s.append(", ").append(found.reasoning()).append(" reasoning");
      }
      if (found.toolCalls() > 0) {
        s.append(", ").append(AnswerDiagnosis.count(found.toolCalls(), "tool call"));
      }
      if (found.done()) {
        s.append(", done");
      }
      if (found.malformed() > 0) {
        s.append(", ").append(found.malformed()).append(" not JSON");
      }
      if (found.errors() > 0) {
        s.append(", ").append(AnswerDiagnosis.count(found.errors(), "error event"));
      }
      return s.toString();
    }
  }

  /** Every candidate preset's reading of {@code events}. */
  static List<Reading> readAll(Protocol protocol, List<EventData> events) {
    List<Reading> out = new ArrayList<>();
    for (Preset p : Preset.values()) {
      if (p.protocol() == protocol && p != Preset.GENERIC) {
        out.add(new Reading(p, Reread.of(PresetRules.stream(p), protocol, events)));
      }
    }
    return out;
  }

  /**
   * The best fit: output found, no error event, fewer events it could not parse than it read (a
   * stray {@code [DONE]} is no reason to reject a preset); its done rule matching first, then the
   * most output.
   */
  static Optional<Reading> best(List<Reading> readings, List<EventData> events) {
    boolean json = jsonEvents(events);
    return readings.stream()
        .filter(r -> r.output() && r.found().errors() == 0 && r.score() > 0)
        .filter(r -> !(json && r.preset() == Preset.TEXT))
        .max(
            Comparator.comparing((Reading r) -> r.found().done()).thenComparingInt(Reading::score));
  }

  private static boolean jsonEvents(List<EventData> events) {
    return events.stream().anyMatch(e -> e.json() != null);
  }

  /**
   * The lines of the verdict.
   *
   * @param tried the preset the message was sent with
   * @param path the path the request went to, null when none went out
   * @param head the response's head, null when none came
   * @param outcome the message's outcome, null when it was not sent
   */
  static List<String> verdict(
      Preset tried,
      Protocol protocol,
      List<EventData> events,
      String path,
      Seen.Head head,
      MessageOutcome outcome,
      String errorMessage) {
    List<String> lines = new ArrayList<>();
    if (events.isEmpty()) {
      lines.add("no preset fits: " + nothingToRead(protocol, head, outcome, errorMessage));
      boolean refused =
          head != null && (head.status() / 100 == 4 || (outcome != null && !outcome.ok()));
      if (refused && path != null) {
        ownerOf(path, tried)
            .ifPresent(
                p ->
                    lines.add(
                        "  "
                            + path
                            + " is where "
                            + p.id()
                            + " sends, with a request of its own: try --preset "
                            + p.id()));
      }
      return lines;
    }
    List<Reading> readings = readAll(protocol, events);
    Optional<Reading> best = best(readings, events);
    if (best.isPresent()) {
      Reading r = best.get();
      String found =
          r.found().tokens() > 0
              ? AnswerDiagnosis.count(r.found().tokens(), "answer token")
              : AnswerDiagnosis.count(r.found().toolCalls(), "tool call");
      String end =
          r.found().done()
              ? PresetRules.stream(r.preset())
                  .done()
                  .map(d -> ", its done rule (" + RuleText.match(d) + ") matched")
                  .orElseThrow()
              : ", the stream's close ended it";
      lines.add(
          r.preset() == tried
              ? "this is " + tried.id() + ", the preset it was tried with: " + found + end
              : "this looks like "
                  + r.preset().id()
                  + ": "
                  + found
                  + end
                  + "; run with --preset "
                  + r.preset().id());
    } else if (events.stream().allMatch(e -> e.json() == null)) {
      lines.add(
          "no preset fits: the events were not JSON and had no text (the first: "
              + events.get(0).describe()
              + ")");
    } else {
      lines.add(
          "no preset fits: no preset's rules found answer text in "
              + AnswerDiagnosis.count(
                  events.size(), protocol == Protocol.WEBSOCKET ? "frame" : "event")
              + "; the first: "
              + events.get(0).describe());
      List<VaryingStrings.Found> varying = VaryingStrings.of(events, List.of());
      if (!varying.isEmpty()) {
        lines.add(
            "  an API of its own? --preset generic with a scenario whose stream.token is where the"
                + " text is, perhaps "
                + varying.get(0).pointer());
      }
    }
    lines.add(
        "  read by every preset: "
            + String.join(
                " · ", readings.stream().map(r -> r.summary(jsonEvents(events))).toList()));
    return lines;
  }

  /**
   * The preset, other than {@code tried}, whose own request goes to {@code path} (the query aside):
   * an OpenAI-style body sent to {@code /v1/messages} is refused for what Anthropic's API needs,
   * one sent to {@code /a2a} answered with a JSON-RPC error.
   */
  static Optional<Preset> ownerOf(String path, Preset tried) {
    String wanted = withoutQuery(path);
    ScenarioLoader loader = new ScenarioLoader(name -> "");
    for (Preset p : Preset.values()) {
      if (p == tried || p == Preset.GENERIC || p.protocol() != tried.protocol()) {
        continue;
      }
      Scenario s =
          loader.fromFlags(
              ScenarioOverrides.of(
                      Optional.of("http://127.0.0.1"),
                      Optional.of(p.id()),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty())
                  .withIterations(1));
      String own =
          p.protocol() == Protocol.WEBSOCKET
              ? s.websocket().path().source()
              : s.request().path().source();
      if (withoutQuery(own).equals(wanted)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static String withoutQuery(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  private static String nothingToRead(
      Protocol protocol, Seen.Head head, MessageOutcome outcome, String errorMessage) {
    if (head == null) {
      return outcome == null
          ? "nothing was sent"
          : "nothing came back (" + TrialMessage.failure(outcome) + ": " + errorMessage + ")";
    }
    if (head.status() / 100 != 2 && head.status() != 101) {
      return "the server answered "
          + (errorMessage != null ? errorMessage : "HTTP " + head.status());
    }
    if (outcome != null && !outcome.ok() && errorMessage != null) {
      // Such as a body that is no event stream: the failure names its type and its start.
      return errorMessage;
    }
    if (protocol == Protocol.SSE) {
      Optional<String> problem = AnswerDiagnosis.contentTypeProblem(head.contentType());
      if (problem.isPresent()) {
        return problem.get();
      }
    }
    return "the answer held no " + (protocol == Protocol.WEBSOCKET ? "text frames" : "events");
  }
}
