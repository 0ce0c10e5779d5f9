package dev.streamstorm.metrics.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The results document of one run: everything reports need, and nothing of the running engine.
 * Serialised as results.json (docs/results-schema.md); {@code schema} versions the shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "schema",
  "tool",
  "run",
  "messages",
  "sessions",
  "arrivals",
  "errors",
  "retriedErrors",
  "throughput",
  "tokens",
  "metrics",
  "usage",
  "goodput",
  "byConversation",
  "byTurn",
  "thresholds",
  "sweep",
  "generator",
  "errorSamples",
  "series",
  "histograms"
})
public record RunResults(
    int schema,
    ToolInfo tool,
    RunInfo run,
    MessageCounts messages,
    SessionCounts sessions,
    Arrivals arrivals,
    ErrorCounts errors,
    Map<String, Long> retriedErrors,
    Throughput throughput,
    TokenTotals tokens,
    Map<String, Summary> metrics,
    Map<String, Summary> usage,
    Goodput goodput,
    Map<String, SliceResults> byConversation,
    Map<String, SliceResults> byTurn,
    List<ThresholdResult> thresholds,
    SweepResult sweep,
    GeneratorHealth generator,
    List<ErrorSampleResult> errorSamples,
    Series series,
    Map<String, Map<String, String>> histograms) {

  public static final int SCHEMA = 1;

  /** A copy with threshold results filled in (they are evaluated on the finished results). */
  public RunResults withThresholds(List<ThresholdResult> results) {
    return completedWith(run, results, sweep, generator);
  }

  /**
   * A copy with what is known only once the metrics are summarised: the run section (a distributed
   * run's lost agents), the thresholds' verdicts, the sweep's outcome and the generator section
   * (agents, transport).
   */
  public RunResults completedWith(
      RunInfo run, List<ThresholdResult> thresholds, SweepResult sweep, GeneratorHealth generator) {
    return new RunResults(
        schema,
        tool,
        run,
        messages,
        sessions,
        arrivals,
        errors,
        retriedErrors,
        throughput,
        tokens,
        metrics,
        usage,
        goodput,
        byConversation,
        byTurn,
        thresholds,
        sweep,
        generator,
        errorSamples,
        series,
        histograms);
  }

  public record ToolInfo(String name, String version) {}

  /**
   * Open-model arrivals: how many the schedule started, how many maxInFlight refused, and the rate
   * achieved over the measured time (compare it with the target to see a saturated generator).
   */
  public record Arrivals(long started, long dropped, double achievedPerSecond) {}
}
