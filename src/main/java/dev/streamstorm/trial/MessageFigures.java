package dev.streamstorm.trial;

import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.Redactor;
import dev.streamstorm.report.Format;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.StreamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tried message's figures: how it ended, its times and counts as the results would record them,
 * and how many events each stream rule took, with the rule beside it.
 */
final class MessageFigures {
  private final Scenario scenario;
  private final Style style;
  private final Redactor redactor;

  MessageFigures(Scenario scenario, Style style, Redactor redactor) {
    this.scenario = scenario;
    this.style = style;
    this.redactor = redactor;
  }

  /** The result, the times, the token counts and the usage numbers. */
  List<String> metrics(TrialMessage m, MessageOutcome o) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "  result   "
            + (o.ok()
                ? style.ok("ok")
                : style.bad(TrialMessage.failure(o))
                    + ": "
                    + Excerpt.of(redactor.redact(o.errorMessage()), 200)));
    List<String> times = new ArrayList<>();
    if (m.connectMs() != null) {
      times.add("connect " + Format.ms(m.connectMs()));
    }
    times.add("ttfb " + ms(since(o, o.firstByteNs())));
    times.add("ttft " + ms(o.ttftNs()));
    times.add("ttfr " + ms(o.ttfrNs()));
    times.add("ttfc " + ms(o.ttfcNs()));
    times.add("e2e " + ms(o.e2eNs()));
    lines.add("  times    " + String.join(" · ", times) + " (ms)");
    if (o.ok()) {
      List<String> counts = new ArrayList<>();
      counts.add(
          o.tokens()
              + " answer ("
              + o.tokenSource().id()
              + ") in "
              + AnswerDiagnosis.count(o.chunks(), "chunk"));
      counts.add(o.reasoningTokens() + " reasoning");
      counts.add(AnswerDiagnosis.count(o.toolCalls(), "tool call"));
      counts.add(
          o.inputTokens() < 0
              ? "input unknown"
              : o.inputTokens() + " input (" + o.inputSource().id() + ")");
      lines.add("  tokens   " + String.join(" · ", counts));
    }
    if (!o.usage().isEmpty()) {
      lines.add(
          "  usage    "
              + o.usage().entrySet().stream()
                  .sorted(Map.Entry.comparingByKey())
                  .map(e -> e.getKey() + " " + Format.num(e.getValue()))
                  .collect(Collectors.joining(" · ")));
    }
    return lines;
  }

  /** How many events each rule took (by the class the run gave each event). */
  List<String> rules(List<EventData> events, MessageOutcome o) {
    StreamSpec spec = scenario.stream();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"answer", taken(events, "token"), RuleText.channel(spec.answer())});
    spec.reasoning()
        .ifPresent(
            c ->
                rows.add(
                    new String[] {"reasoning", taken(events, "reasoning"), RuleText.channel(c)}));
    spec.toolCall()
        .ifPresent(
            t ->
                rows.add(
                    new String[] {
                      "tool",
                      taken(events, "tool") + ", " + AnswerDiagnosis.count(o.toolCalls(), "call"),
                      "start "
                          + RuleText.match(t.start())
                          + t.when().map(w -> "; then " + RuleText.match(w)).orElse("")
                    }));
    List<String> numbers = new ArrayList<>();
    spec.tokenCount().ifPresent(r -> numbers.add("tokenCount " + RuleText.number(r)));
    spec.reasoningCount().ifPresent(r -> numbers.add("reasoningCount " + RuleText.number(r)));
    spec.inputCount().ifPresent(r -> numbers.add("inputCount " + RuleText.number(r)));
    spec.usage().forEach((name, r) -> numbers.add(name + " " + RuleText.number(r)));
    if (!numbers.isEmpty()) {
      // An event's class is the strongest thing it carried: numbers often come with the end.
      int carried = Reread.of(spec, scenario.protocol(), events).usageEvents();
      rows.add(
          new String[] {
            "usage", AnswerDiagnosis.count(carried, "event"), String.join(", ", numbers)
          });
    }
    rows.add(
        new String[] {
          "done",
          taken(events, "done"),
          spec.done().map(RuleText::match).orElse("(none: the stream's close ends a message)")
        });
    // The interpreter classes an event it could not parse as an error too.
    long errors = events.stream().filter(e -> "error".equals(e.cls())).count();
    if (spec.error().isPresent() || errors > 0) {
      rows.add(
          new String[] {
            "error",
            AnswerDiagnosis.count(errors, "event"),
            spec.error().map(e -> RuleText.match(e) + ", or ").orElse("")
                + "not JSON where JSON was needed"
          });
    }
    rows.add(new String[] {"ignored", taken(events, "ignored"), ""});
    int w = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      String cls = r[0].equals("answer") ? "token" : r[0];
      String taken = String.format(Locale.ROOT, "%-" + w + "s", r[1]);
      lines.add(
          (i == 0 ? "  rules    " : "           ")
              + style.ofClass(cls, String.format(Locale.ROOT, "%-9s", r[0]))
              + " "
              + (r[2].isEmpty() ? taken.stripTrailing() : taken + "  " + style.dim(r[2])));
    }
    return lines;
  }

  private static String taken(List<EventData> events, String cls) {
    return AnswerDiagnosis.count(events.stream().filter(e -> cls.equals(e.cls())).count(), "event");
  }

  private static long since(MessageOutcome o, long instantNs) {
    return instantNs == MessageOutcome.NONE ? MessageOutcome.NONE : instantNs - o.intendedStartNs();
  }

  private static String ms(long nanos) {
    return nanos == MessageOutcome.NONE ? "–" : Format.ms(nanos / 1e6);
  }
}
