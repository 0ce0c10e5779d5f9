package dev.streamstorm.report;

import dev.streamstorm.metrics.results.GeneratorHealth;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ComparedMetric.Better;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a candidate run with a baseline: the main percentiles, error rate and throughput side by
 * side, and a verdict on the gated metrics. A gated metric regresses when it moved the worse way
 * (up for latencies and errors, down for throughput and goodput) by more than the allowed fraction
 * of its baseline value; a move of exactly the limit is still within it. From a baseline of 0, any
 * worsening regresses. A gated metric the candidate lacks (no samples at all) fails the gate too: a
 * gate must not pass on no evidence.
 */
public final class RunComparison {

  /** Gated when none are named: first-token and end-to-end latency, and the error rate. */
  public static final List<String> DEFAULT_GATED = List.of("ttft.p95", "e2e.p95", "errors.rate");

  /** The table's rows besides any gated metric not among them. */
  public static final List<String> TABLE =
      List.of(
          "ttft.p50",
          "ttft.p95",
          "ttft.p99",
          "e2e.p50",
          "e2e.p95",
          "e2e.p99",
          "itl.p50",
          "itl.p95",
          "itl.p99",
          "tpot.p50",
          "tpot.p95",
          "tpot.p99",
          "errors.rate",
          "throughput.messagesPerSecond",
          "throughput.tokensPerSecond");

  /** How one metric fared. */
  public enum Verdict {
    /** Shown, not gated. */
    NOT_GATED,
    WITHIN,
    REGRESSED,
    /** Gated, the baseline has it, the candidate has no value: fails the gate. */
    MISSING_IN_CANDIDATE,
    /** Gated, the baseline has no value: nothing to regress from. */
    NO_BASELINE
  }

  /**
   * One row of the comparison.
   *
   * @param baseline NaN when the baseline has no value
   * @param candidate NaN when the candidate has no value
   */
  public record Row(ComparedMetric metric, double baseline, double candidate, Verdict verdict) {

    public boolean gated() {
      return verdict != Verdict.NOT_GATED;
    }

    public boolean failsGate() {
      return verdict == Verdict.REGRESSED || verdict == Verdict.MISSING_IN_CANDIDATE;
    }

    /**
     * Change from the baseline in percent of it (signed, whatever the direction); NaN when either
     * value is missing, infinite from a baseline of 0.
     */
    public double changePercent() {
      if (Double.isNaN(baseline) || Double.isNaN(candidate)) {
        return Double.NaN;
      }
      if (baseline == 0) {
        return candidate == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, candidate);
      }
      return (candidate - baseline) / Math.abs(baseline) * 100;
    }
  }

  /**
   * The whole comparison.
   *
   * @param maxRegression allowed worsening as a fraction of the baseline (0.05 for 5%)
   * @param notes what may make the comparison unfair (different scenarios, a saturated generator)
   */
  public record Result(List<Row> rows, BigDecimal maxRegression, List<String> notes) {

    public List<Row> gatedRows() {
      return rows.stream().filter(Row::gated).toList();
    }

    public boolean regressed() {
      return rows.stream().anyMatch(Row::failsGate);
    }
  }

  private RunComparison() {}

  /**
   * Compares two documents.
   *
   * @param gated names of the metrics that decide the verdict; {@link #DEFAULT_GATED} when empty
   * @param maxRegression allowed worsening, a fraction of the baseline value
   * @throws ComparedMetric.UnknownMetricException when a gated name addresses nothing, or neither
   *     document has a value for a name given (a default one is then only shown as missing)
   */
  public static Result compare(
      RunResults baseline, RunResults candidate, List<String> gated, BigDecimal maxRegression) {
    List<RunResults> docs = List.of(baseline, candidate);
    List<String> gates =
        (gated.isEmpty() ? DEFAULT_GATED : gated)
            .stream()
                .map(n -> n.startsWith("metrics.") ? n.substring("metrics.".length()) : n)
                .distinct()
                .toList();
    List<ComparedMetric> gateMetrics =
        gates.stream().map(n -> ComparedMetric.parse(n, docs)).toList();
    Set<String> names = new LinkedHashSet<>(TABLE);
    names.addAll(gates);
    List<Row> rows = new ArrayList<>();
    for (String name : names) {
      ComparedMetric metric = ComparedMetric.parse(name, docs);
      double b = metric.valueIn(baseline);
      double c = metric.valueIn(candidate);
      boolean isGate = gateMetrics.stream().anyMatch(p -> p.name().equals(name));
      if (isGate && !gated.isEmpty() && Double.isNaN(b) && Double.isNaN(c)) {
        throw new ComparedMetric.UnknownMetricException(
            "'" + name + "' has no value in either results file" + hint(name));
      }
      Verdict v = isGate ? verdict(metric.better(), b, c, maxRegression) : Verdict.NOT_GATED;
      rows.add(new Row(metric, b, c, v));
    }
    return new Result(List.copyOf(rows), maxRegression, notes(baseline, candidate));
  }

  /** The regression rule for one gated metric (see the class comment). */
  static Verdict verdict(Better better, double baseline, double candidate, BigDecimal limit) {
    if (Double.isNaN(baseline)) {
      return Verdict.NO_BASELINE;
    }
    if (Double.isNaN(candidate)) {
      return Verdict.MISSING_IN_CANDIDATE;
    }
    BigDecimal b = BigDecimal.valueOf(baseline);
    BigDecimal c = BigDecimal.valueOf(candidate);
    BigDecimal worse = better == Better.LOWER ? c.subtract(b) : b.subtract(c);
    BigDecimal allowed = b.abs().multiply(limit);
    return worse.compareTo(allowed) > 0 ? Verdict.REGRESSED : Verdict.WITHIN;
  }

  private static String hint(String name) {
    if (name.contains("goodput")) {
      return " (goodput is reported for scenarios with slo:)";
    }
    return " (no message gave a sample)";
  }

  private static List<String> notes(RunResults baseline, RunResults candidate) {
    List<String> notes = new ArrayList<>();
    String bName = baseline.run() == null ? null : baseline.run().scenario();
    String cName = candidate.run() == null ? null : candidate.run().scenario();
    if (!Objects.equals(bName, cName)) {
      notes.add("the runs are of different scenarios (" + bName + ", " + cName + ")");
    }
    saturated("baseline", baseline.generator(), notes);
    saturated("candidate", candidate.generator(), notes);
    return List.copyOf(notes);
  }

  private static void saturated(String which, GeneratorHealth g, List<String> notes) {
    if (g != null && !g.healthy()) {
      notes.add(
          "the "
              + which
              + " run's load generator was itself a bottleneck, so its latencies include the"
              + " generator's delay: "
              + String.join("; ", g.warnings()));
    }
  }
}
