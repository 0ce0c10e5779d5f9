package dev.streamstorm.engine;

import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.Tag;
import dev.streamstorm.metrics.results.SweepResult;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Judges each step of a rate sweep from the interval snapshots that fall in it, and ends the run at
 * the first step that breaks the error budget or the SLO. Ticker-thread confined.
 */
final class SweepController {
  private final SweepPlan plan;
  private final boolean sloSet;
  private final List<SweepResult.Step> steps = new ArrayList<>();
  private int step;
  private long ok;
  private long failed;
  private long good;
  private long dropped;
  private long arrivals;
  private Histogram ttft = new Histogram(3);
  private Histogram e2e = new Histogram(3);
  private String stoppedBy;

  SweepController(SweepPlan plan, boolean sloSet) {
    this.plan = plan;
    this.sloSet = sloSet;
  }

  /**
   * Adds an interval to the step that {@code elapsedNs} (its middle) falls in; returns a reason to
   * stop the run when a step has just failed, else null.
   */
  String onInterval(IntervalSnapshot s, long elapsedNs) {
    String failure = null;
    int at = plan.stepAt(Math.max(0, elapsedNs));
    if (at > step) {
      failure = closeStep();
      step = at;
    }
    ok += s.counter(Tag.ALL, Counter.OK);
    failed += s.counter(Tag.ALL, Counter.FAILED);
    good += s.counter(Tag.ALL, Counter.GOOD);
    dropped += s.gauges().dropped();
    arrivals += s.gauges().arrivals();
    add(ttft, s.histogram(Metric.TTFT, Tag.ALL));
    add(e2e, s.histogram(Metric.E2E, Tag.ALL));
    return failure;
  }

  /** Closes the step in progress at the run's end (if it ran to its end) and returns the result. */
  SweepResult finish(long elapsedNs) {
    // The last step counts only if it ran (nearly) to its end, and not after a failed step
    // stopped the sweep (the drain that follows is not a step).
    if (stoppedBy == null
        && steps.size() == step
        && elapsedNs >= (step + 1L) * plan.stepNs() - plan.stepNs() / 20) {
      closeStep();
    }
    Double best = null;
    for (SweepResult.Step st : steps) {
      if (!st.passed()) {
        break;
      }
      best = st.rate();
    }
    String reason = stoppedBy;
    if (reason == null && steps.size() < plan.rates().size()) {
      // Cut short (a duration, a limit, Ctrl-C) before any step failed: no limit was found, and
      // the highest step that passed is only a lower bound, not the highest sustainable rate.
      return new SweepResult(List.copyOf(steps), null, SweepResult.CUT);
    }
    return new SweepResult(List.copyOf(steps), best, reason == null ? "max" : reason);
  }

  private String closeStep() {
    double rate = plan.rates().get(step);
    long ended = ok + failed;
    long offered = ended + dropped;
    double errorRate = offered == 0 ? 0 : (double) (failed + dropped) / offered;
    Double goodRatio = sloSet && ended > 0 ? round((double) good / ended) : null;
    String reason = null;
    var spec = plan.spec();
    if (offered == 0) {
      reason = "no message ended in the step";
    } else if (errorRate > spec.maxErrorRate()) {
      reason =
          String.format(
              "error rate %.1f%% > %.1f%% at %s/s",
              errorRate * 100, spec.maxErrorRate() * 100, num(rate));
    } else if (goodRatio != null && goodRatio < spec.minGoodRatio()) {
      reason =
          String.format(
              "goodput ratio %.3f < %.3f at %s/s", goodRatio, spec.minGoodRatio(), num(rate));
    }
    steps.add(
        new SweepResult.Step(
            rate,
            round(arrivals / (plan.stepNs() / 1e9)),
            ok,
            failed,
            dropped,
            round(errorRate),
            goodRatio,
            percentiles(ttft),
            percentiles(e2e),
            reason == null,
            reason));
    ok = failed = good = dropped = arrivals = 0;
    ttft = new Histogram(3);
    e2e = new Histogram(3);
    if (reason != null) {
      stoppedBy = reason;
    }
    return reason;
  }

  private static void add(Histogram into, Histogram h) {
    if (h != null) {
      into.add(h);
    }
  }

  private static double[] percentiles(Histogram h) {
    if (h.getTotalCount() == 0) {
      return null;
    }
    return new double[] {
      round(h.getValueAtPercentile(50) / 1000.0),
      round(h.getValueAtPercentile(95) / 1000.0),
      round(h.getValueAtPercentile(99) / 1000.0)
    };
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
