package dev.streamstorm.report;

import dev.streamstorm.report.RunComparison.Result;
import dev.streamstorm.report.RunComparison.Row;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The text of {@code streamstorm compare}: a side-by-side table, then the verdict. */
public final class ComparisonTable {
  private static final String NL = System.lineSeparator();

  private ComparisonTable() {}

  /**
   * @param baselineLabel how to name the baseline (its file)
   * @param candidateLabel likewise
   */
  public static String render(Result result, String baselineLabel, String candidateLabel) {
    StringBuilder sb = new StringBuilder();
    sb.append("baseline:  ").append(baselineLabel).append(NL);
    sb.append("candidate: ").append(candidateLabel).append(NL).append(NL);
    TextTable t = new TextTable().row("", "baseline", "candidate", "change", "gate");
    for (Row r : result.rows()) {
      t.row(label(r), value(r, r.baseline()), value(r, r.candidate()), change(r), gate(r));
    }
    sb.append(t.render("  ")).append(NL);
    for (String note : result.notes()) {
      sb.append("note: ").append(note).append(NL);
    }
    sb.append(verdict(result)).append(NL);
    return sb.toString();
  }

  private static String label(Row r) {
    return r.metric().name()
        + (r.metric().unit() == ComparedMetric.Unit.MILLISECONDS ? " (ms)" : "");
  }

  private static String value(Row r, double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return switch (r.metric().unit()) {
      case MILLISECONDS -> Format.ms(v);
      case FRACTION -> ThresholdText.percent(v);
      case PER_SECOND -> Format.rate(v);
      case NUMBER -> Format.num(v);
    };
  }

  static String change(Row r) {
    double c = r.changePercent();
    if (Double.isNaN(c)) {
      return "-";
    }
    if (Double.isInfinite(c)) {
      return "from 0";
    }
    return String.format(Locale.ROOT, "%+.1f%%", c);
  }

  private static String gate(Row r) {
    return switch (r.verdict()) {
      case NOT_GATED -> "";
      case WITHIN -> "ok";
      case REGRESSED -> "REGRESSED";
      case MISSING_IN_CANDIDATE -> "MISSING";
      case NO_BASELINE -> "no baseline";
    };
  }

  private static String verdict(Result result) {
    String limit = percent(result.maxRegression());
    List<Row> failing = result.gatedRows().stream().filter(Row::failsGate).toList();
    if (failing.isEmpty()) {
      return "no regression: "
          + result.gatedRows().stream()
              .map(r -> r.metric().name())
              .collect(Collectors.joining(", "))
          + " within "
          + limit
          + " of the baseline";
    }
    return "REGRESSION beyond "
        + limit
        + ": "
        + failing.stream()
            .map(
                r ->
                    r.metric().name()
                        + (r.verdict() == RunComparison.Verdict.MISSING_IN_CANDIDATE
                            ? " has no value in the candidate"
                            : " " + change(r)))
            .collect(Collectors.joining(", "));
  }

  private static String percent(BigDecimal fraction) {
    return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }
}
