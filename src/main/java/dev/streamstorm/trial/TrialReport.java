package dev.streamstorm.trial;

import dev.streamstorm.engine.ResultsFactory;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.Redactor;
import dev.streamstorm.report.Format;
import dev.streamstorm.scenario.HttpProtocol;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.SessionSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code try} prints: a header, then per message its timeline ({@link Timeline}), its metrics,
 * how many events each rule took, and a verdict; for a message without answer text, what its events
 * held instead ({@link AnswerDiagnosis}); with {@code --target} alone, the preset that fits ({@link
 * PresetFit}); a last line for the whole. A pure function of the tried messages.
 */
public final class TrialReport {
  private final Scenario scenario;
  private final Style style;
  private final Redactor redactor;
  private final Timeline timeline;
  private final MessageFigures figures;

  /**
   * @param maxEvents events shown per message before the middle is condensed
   * @param redactor masks the scenario's secrets in what the trace did not mask already
   */
  public TrialReport(Scenario scenario, Style style, int maxEvents, Redactor redactor) {
    this.scenario = scenario;
    this.style = style;
    this.redactor = redactor;
    this.timeline = new Timeline(scenario.stream(), style, maxEvents);
    this.figures = new MessageFigures(scenario, style, redactor);
  }

  /** SSE over HTTP/2 says so ("sse over h2c"): it is read by another client than HTTP/1.1's. */
  private String transport() {
    String protocol = scenario.protocol().name().toLowerCase(Locale.ROOT);
    HttpProtocol http = scenario.connection().protocol();
    return scenario.protocol() == Protocol.SSE && http != HttpProtocol.HTTP1
        ? protocol + " over " + http.id()
        : protocol;
  }

  /**
   * @param detecting no preset was given: the message is sent as openai-chat would, then every
   *     preset reads what came back
   */
  public String header(URI target, boolean detecting) {
    String where = ResultsFactory.redactUrl(target);
    String wire = scenario.preset().id() + " over " + transport();
    if (detecting) {
      return style.bold("streamstorm try · " + where)
          + "\n  no preset given: one "
          + wire
          + " request, then every preset reads what came back\n";
    }
    int n = scenario.conversations().size();
    String source = "-".equals(scenario.source()) ? "" : " (" + scenario.source() + ")";
    return style.bold("streamstorm try · " + scenario.name() + source + " · " + where)
        + "\n  "
        + wire
        + " · one user · the first message of "
        + (n == 1 ? "its conversation" : "each of its " + n + " conversations")
        + "\n";
  }

  /** The section of one message. */
  public String message(TrialMessage m, boolean detecting) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    int turns = m.conversation().turns().size();
    lines.add(
        style.bold("── " + m.conversation().name())
            + "  "
            + style.dim("turn 1" + (turns > 1 ? " of " + turns : ""))
            + "  "
            + Excerpt.quoted(m.conversation().turns().get(0).message().source(), 60));
    if (m.session() != null) {
      lines.add(session(m.session()));
    }
    lines.addAll(timeline.render(m.seen()));
    List<EventData> events = m.events();
    MessageOutcome o = m.outcome();
    if (o != null) {
      lines.addAll(figures.metrics(m, o));
      if (o.ok() || !events.isEmpty()) {
        lines.addAll(figures.rules(events, o));
      }
    }
    lines.addAll(verdict(m, events));
    if (detecting) {
      List<String> fit =
          PresetFit.verdict(
              scenario.preset(),
              scenario.protocol(),
              events,
              m.requestPath(),
              m.head(),
              o,
              o == null ? null : redactor.redact(o.errorMessage()));
      lines.add("  " + style.bold("preset") + "   " + fit.get(0));
      fit.subList(1, fit.size()).forEach(l -> lines.add("         " + style.dim(l)));
    }
    return String.join("\n", lines) + "\n";
  }

  /** The last line: how many messages answered. */
  public String summary(List<TrialMessage> messages) {
    long answered = messages.stream().filter(TrialMessage::answered).count();
    if (answered == messages.size()) {
      return "\n"
          + style.ok("✓ " + (messages.size() == 1 ? "the message" : "every message") + " answered")
          + " ("
          + AnswerDiagnosis.count(messages.size(), "message")
          + ")\n";
    }
    String which =
        messages.stream()
            .filter(m -> !m.answered())
            .map(m -> m.conversation().name())
            .collect(Collectors.joining(", "));
    return "\n"
        + style.bad(
            "✗ " + (messages.size() - answered) + " of " + messages.size() + " did not answer")
        + ": "
        + which
        + "\n";
  }

  private String session(TrialMessage.Session s) {
    String calls =
        scenario.session().map(SessionSpec::steps).orElse(List.of()).stream()
            .map(st -> st.request().method() + " " + st.request().path().source())
            .collect(Collectors.joining(", then "));
    return "  session  "
        + calls
        + ": "
        + (s.failure() == null
            ? style.ok("ok") + " in " + Format.ms(s.millis()) + " ms"
            : style.bad("failed") + ": " + Excerpt.of(s.failure(), 200));
  }

  private List<String> verdict(TrialMessage m, List<EventData> events) {
    MessageOutcome o = m.outcome();
    List<String> lines = new ArrayList<>();
    if (o == null) {
      String why =
          TrialRunner.SESSION_FAILED.equals(m.endReason())
              ? "not sent: its session set-up failed"
              : m.seen().isEmpty()
                  ? "not sent: the run ended (" + m.endReason() + ") first"
                  : "cut: it did not end within "
                      + Format.ms(scenario.timeouts().message().toMillis())
                      + " ms";
      lines.add("  " + style.bad("✗ " + why));
      return lines;
    }
    if (m.answered()) {
      boolean done = events.stream().anyMatch(e -> "done".equals(e.cls()));
      String end =
          done
              ? "ended by its done rule"
              : scenario.stream().done().isPresent()
                  ? "ended by the stream's close before its done rule matched (requireDone is off)"
                  : "ended by the stream's close";
      String what =
          o.chunks() > 0
              ? AnswerDiagnosis.count(o.tokens(), "answer token")
              : "a tool-only reply: "
                  + AnswerDiagnosis.count(o.toolCalls(), "tool call")
                  + " and no answer text";
      lines.add("  " + style.ok("✓ ok: " + what + ", " + end));
      return lines;
    }
    if (!o.ok() && (events.isEmpty() || o.chunks() > 0 || o.toolCalls() > 0)) {
      lines.add("  " + style.bad("✗ failed: " + TrialMessage.failure(o)) + " (the result above)");
      return lines;
    }
    List<String> why =
        AnswerDiagnosis.explain(
            scenario.stream(), scenario.protocol(), events, m.comments(), m.head());
    String headline = why.get(0);
    if (!o.ok()) {
      headline = TrialMessage.failure(o) + " and " + headline;
    } else if (o.tokens() > 0) {
      headline += " (the server's usage says " + o.tokens() + ")";
    }
    lines.add("  " + style.bad("✗ " + headline));
    why.subList(1, why.size()).forEach(l -> lines.add("  " + l));
    return lines;
  }
}
