package dev.streamstorm.metrics.threshold;

import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.MetricsView;
import dev.streamstorm.metrics.SeriesKey;
import dev.streamstorm.metrics.Tag;
import org.HdrHistogram.Histogram;

/**
 * Measures what a threshold reads from the run's metrics. Percentiles come from the merged
 * histograms, so any percentile is exact to three significant digits, not only the ones the summary
 * prints. A latency or value with no samples measures NaN, which fails: a gate must not pass on no
 * evidence.
 */
public final class ThresholdEvaluator {

  private ThresholdEvaluator() {}

  /** The measured value in the threshold's unit (ms, fraction, per second or plain). */
  public static double measure(Threshold t, MetricsView view) {
    Tag tag = tag(t);
    MetricKind kind = MetricKind.of(t.metric());
    return switch (kind) {
      case TIME -> {
        Histogram h = view.histogram(new SeriesKey(t.metric(), tag));
        Metric m = Metric.byId(t.metric());
        yield h == null && m != null && m.absentMeansZero() ? 0 : fromHistogram(t, h, 1_000.0);
      }
      case VALUE -> fromHistogram(t, view.histogram(valueKey(t.metric(), tag)), 1.0);
      case ERROR -> errors(t, view, tag);
      case MESSAGES -> {
        long n = ended(view, tag);
        yield t.aggregate().kind() == Aggregate.Kind.COUNT ? n : n / seconds(view);
      }
      case GOODPUT -> {
        long good = view.counter(tag, Counter.GOOD.ordinal());
        if (t.aggregate().kind() == Aggregate.Kind.RATE) {
          yield good / seconds(view);
        }
        long n = ended(view, tag);
        yield n == 0 ? Double.NaN : (double) good / n;
      }
    };
  }

  /** True when the threshold holds; NaN (nothing measured) never holds. */
  public static boolean passes(Threshold t, double measured) {
    return !Double.isNaN(measured) && t.passes(measured);
  }

  /**
   * While a run goes on, whether more messages could still turn a threshold that fails now into a
   * pass. Counts and maxima only grow and minima only shrink, so for example {@code http_5xx count
   * == 0} or {@code ttft max < 2s} can never recover once broken, while {@code messages count >
   * 100} can. Percentiles, means, rates and ratios move either way: they are taken as failing for
   * good (k6's abortOnFail rule), which is what the grace delay is for. Nothing measured yet (NaN)
   * can always still pass.
   */
  public static boolean couldStillPass(Threshold t, double measuredNow) {
    if (Double.isNaN(measuredNow) || t.passes(measuredNow)) {
      return true;
    }
    return switch (t.aggregate().kind()) {
      case COUNT, MAX -> canGrowIntoPass(t.op(), measuredNow, t.value());
      case MIN -> canGrowIntoPass(mirror(t.op()), -measuredNow, -t.value());
      default -> false;
    };
  }

  /** Whether a value that only grows from {@code now} can come to satisfy {@code op limit}. */
  private static boolean canGrowIntoPass(Op op, double now, double limit) {
    return switch (op) {
      case GT, GE, NE -> true;
      case EQ -> now < limit;
      case LT, LE -> false;
    };
  }

  /** The operator that holds for negated operands: {@code a < b} iff {@code -a > -b}. */
  private static Op mirror(Op op) {
    return switch (op) {
      case LT -> Op.GT;
      case LE -> Op.GE;
      case GT -> Op.LT;
      case GE -> Op.LE;
      case EQ, NE -> op;
    };
  }

  private static double errors(Threshold t, MetricsView view, Tag tag) {
    long count;
    if (t.metric().equals("errors")) {
      count = view.counter(tag, Counter.FAILED.ordinal());
    } else {
      count = view.counter(tag, Counter.errorIndex(ErrorClass.byId(t.metric())));
    }
    if (t.aggregate().kind() == Aggregate.Kind.COUNT) {
      return count;
    }
    long n = ended(view, tag);
    return n == 0 ? Double.NaN : (double) count / n;
  }

  private static double fromHistogram(Threshold t, Histogram h, double scale) {
    if (t.aggregate().kind() == Aggregate.Kind.COUNT) {
      return h == null ? 0 : h.getTotalCount();
    }
    if (h == null || h.getTotalCount() == 0) {
      return Double.NaN;
    }
    return switch (t.aggregate().kind()) {
      case PERCENTILE -> h.getValueAtPercentile(t.aggregate().percentile()) / scale;
      case MIN -> h.getMinValue() / scale;
      case MAX -> h.getMaxValue() / scale;
      case MEAN -> h.getMean() / scale;
      default -> Double.NaN;
    };
  }

  private static SeriesKey valueKey(String metric, Tag tag) {
    return Metric.byId(metric) != null ? new SeriesKey(metric, tag) : SeriesKey.usage(metric, tag);
  }

  private static long ended(MetricsView view, Tag tag) {
    return view.counter(tag, Counter.OK.ordinal()) + view.counter(tag, Counter.FAILED.ordinal());
  }

  private static double seconds(MetricsView view) {
    return Math.max(view.measuredSeconds(), 1e-9);
  }

  private static Tag tag(Threshold t) {
    String conversation = t.tags().get("conversation");
    String turn = t.tags().get("turn");
    if (conversation == null) {
      return Tag.ALL;
    }
    return turn == null
        ? Tag.conversation(conversation)
        : Tag.turn(conversation, Integer.parseInt(turn));
  }
}
