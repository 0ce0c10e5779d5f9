package dev.streamstorm.report;

import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.metrics.results.SliceResults;
import dev.streamstorm.metrics.results.Summary;
import dev.streamstorm.metrics.results.SweepResult;
import java.util.List;
import java.util.Map;

/**
 * The end-of-run summary's breakdowns, below its latency table: the run by conversation or by turn,
 * what the server reported per message, and a rate sweep's steps. Pure functions of the results, as
 * {@link ConsoleSummary} is; each returns its lines rendered, indented as the rest of the summary.
 */
final class SummaryBreakdowns {

  private static final String NL = System.lineSeparator();

  private SummaryBreakdowns() {}

  /**
   * What the server reported, per message: over the whole run, and the mean by conversation (where
   * an agent that reports its phases shows where each kind of conversation spends its time).
   */
  static String usage(RunResults r) {
    TextTable u =
        new TextTable().row("usage reported by the server", "messages", "mean", "p95", "max");
    r.usage()
        .forEach(
            (name, s) ->
                u.row(
                    name + unit(s),
                    Format.count(s.count()),
                    value(s, s.mean()),
                    value(s, s.p95()),
                    value(s, s.max())));
    String out = u.render("  ");
    if (r.byConversation() == null || r.byConversation().size() < 2) {
      return out;
    }
    List<String> names = List.copyOf(r.usage().keySet());
    List<String> header = new java.util.ArrayList<>();
    header.add("usage by conversation (mean)");
    names.forEach(n -> header.add(n + unit(r.usage().get(n))));
    TextTable by = new TextTable().row(header.toArray(String[]::new));
    r.byConversation()
        .forEach(
            (label, slice) -> {
              List<String> row = new java.util.ArrayList<>();
              row.add(label);
              for (String n : names) {
                Summary s = slice.usage() == null ? null : slice.usage().get(n);
                row.add(s == null || s.count() == 0 ? "-" : value(s, s.mean()));
              }
              by.row(row.toArray(String[]::new));
            });
    return out + NL + by.render("  ");
  }

  private static String unit(Summary s) {
    return "ms".equals(s.unit()) ? " (ms)" : "";
  }

  private static String value(Summary s, double v) {
    return "ms".equals(s.unit()) ? Format.ms(v) : Format.num(v);
  }

  static String slices(String title, Map<String, SliceResults> slices) {
    TextTable t =
        new TextTable()
            .row(title, "ok", "failed", "ttft p50", "ttft p95", "e2e p50", "e2e p95", "tokens/msg");
    slices.forEach(
        (label, s) -> {
          Summary ttft = s.metrics().get("ttft");
          Summary e2e = s.metrics().get("e2e");
          Summary tok = s.metrics().get("tokens");
          t.row(
              label,
              Format.count(s.messages().ok()),
              Format.count(s.messages().failed()),
              ttft == null ? "-" : Format.ms(ttft.p50()),
              ttft == null ? "-" : Format.ms(ttft.p95()),
              e2e == null ? "-" : Format.ms(e2e.p50()),
              e2e == null ? "-" : Format.ms(e2e.p95()),
              tok == null ? "-" : Format.num(tok.mean()));
        });
    return t.render("  ");
  }

  static String sweep(SweepResult s) {
    TextTable t =
        new TextTable()
            .row(
                "rate sweep",
                "achieved/s",
                "ok",
                "failed",
                "dropped",
                "errors",
                "good",
                "ttft p95",
                "e2e p95",
                "");
    for (SweepResult.Step st : s.steps()) {
      t.row(
          Format.rate(st.rate()) + "/s",
          Format.rate(st.achievedRate()),
          Format.count(st.ok()),
          Format.count(st.failed()),
          Format.count(st.dropped()),
          Format.percent(st.errorRate()),
          st.goodRatio() == null ? "-" : Format.percent(st.goodRatio()),
          st.ttft() == null ? "-" : Format.ms(st.ttft()[1]),
          st.e2e() == null ? "-" : Format.ms(st.e2e()[1]),
          st.passed() ? "pass" : "FAIL");
    }
    String verdict =
        SweepResult.CUT.equals(s.stoppedBy())
            ? "  no limit found: the run ended before the sweep finished"
                + (s.highestPassedRate() == null
                    ? ""
                    : "; every step run passed, up to " + Format.rate(s.highestPassedRate()) + "/s")
            : s.maxSustainableRate() == null
                ? "  no step was sustainable (" + s.stoppedBy() + ")"
                : "  highest sustainable rate: "
                    + Format.rate(s.maxSustainableRate())
                    + "/s"
                    + (s.stoppedBy().equals("max")
                        ? " (every step passed)"
                        : " (next step: " + s.stoppedBy() + ")");
    return t.render("  ") + verdict + NL;
  }
}
