package dev.streamstorm.live;

import dev.streamstorm.engine.RunStatus;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.results.ThresholdResult;
import java.util.List;
import java.util.Map;

/**
 * The run as it stands after one interval, immutable, handed to every live output: the interval's
 * own figures for charts and the whole-run totals for exporters. Built on the live thread; read
 * from any thread.
 *
 * @param index 0-based interval number
 * @param epochMillis wall-clock time of the interval's end
 * @param startEpochMillis wall-clock time of the run's start
 * @param intervalSeconds this interval's actual length
 * @param status where the run stands
 * @param gauges users, streams in flight, arrival rate, CPU at the interval's end
 * @param interval this interval's figures over all messages
 * @param histograms every exported metric's whole-run histogram at its finest slice
 * @param counters every counter's whole-run total at its finest slice
 * @param runPercentilesMs p50, p95, p99 (ms) of ttft and e2e over the whole run so far
 * @param thresholds the scenario's thresholds judged on the whole run so far
 * @param arrivals arrivals started since the start (open model)
 * @param arrivalsDropped arrivals refused by maxInFlight since the start
 * @param skippedIntervals intervals the live thread could not keep up with (normally 0)
 */
public record LiveFrame(
    int index,
    long epochMillis,
    long startEpochMillis,
    double intervalSeconds,
    RunStatus status,
    Gauges gauges,
    IntervalFigures interval,
    List<HistogramSeries> histograms,
    List<CounterSeries> counters,
    Map<String, double[]> runPercentilesMs,
    List<ThresholdResult> thresholds,
    long arrivals,
    long arrivalsDropped,
    long skippedIntervals) {

  /** Seconds since the run's start at this interval's end. */
  public double elapsedSeconds() {
    return status.elapsedNs() / 1e9;
  }
}
