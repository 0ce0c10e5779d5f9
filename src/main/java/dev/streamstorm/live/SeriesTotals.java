package dev.streamstorm.live;

import java.util.Arrays;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One series' whole-run histogram in the shape Prometheus and OpenTelemetry expose: count, sum,
 * classic bucket counts and native (exponential) buckets, grown by each interval's HdrHistogram.
 *
 * <p>Why this way: the run already merges every event loop's HdrHistogram once per interval.
 * Walking that interval histogram's recorded values (a few hundred distinct buckets) and adding
 * each one's count to the bucket it falls in costs the same whether the interval held ten messages
 * or a million tokens, and never touches the per-token path; observing every value again into a
 * client library's histogram would cost one call per sample. The counts are exact: every value the
 * run measured lands in exactly one bucket, so {@code count} equals the run's own count. A value
 * sits in HdrHistogram at 3 significant digits, so one within 0.1% of a bucket's bound may be
 * counted on either side of it (its highest equivalent value decides, as in the run's own
 * percentiles), and the sum is the sum of those equivalent values.
 *
 * <p>Native buckets use {@link #NATIVE_SCHEMA}: bucket {@code i} holds values in {@code
 * (2^((i-1)/8), 2^(i/8)]}, about 9% wide, coarser than HdrHistogram's resolution, so the mapping
 * adds no error beyond it. Confined to the live thread.
 */
final class SeriesTotals {
  /** Prometheus native-histogram schema (OpenTelemetry's exponential scale): 2^(1/8) per bucket. */
  static final int NATIVE_SCHEMA = 3;

  private final double scale;
  private final double[] bounds;
  private final long[] classic;
  private final TreeMap<Integer, Long> exponential = new TreeMap<>();
  private long count;
  private long zeroCount;
  private double sum;
  private double min = Double.NaN;
  private double max = Double.NaN;

  /**
   * @param scale exported unit per recorded unit (1e-6 for µs to seconds, 1 for counts)
   * @param bounds classic upper bounds in exported units, without +Inf
   */
  SeriesTotals(double scale, double[] bounds) {
    this.scale = scale;
    this.bounds = bounds;
    this.classic = new long[bounds.length + 1];
  }

  void add(Histogram interval) {
    for (HistogramIterationValue v : interval.recordedValues()) {
      long n = v.getCountAtValueIteratedTo();
      double value = interval.highestEquivalentValue(v.getValueIteratedTo()) * scale;
      int b = Arrays.binarySearch(bounds, value);
      classic[b >= 0 ? b : -b - 1] += n;
      if (v.getValueIteratedTo() == 0) {
        zeroCount += n;
      } else {
        exponential.merge(nativeIndex(value), n, Long::sum);
      }
      count += n;
      sum += interval.medianEquivalentValue(v.getValueIteratedTo()) * scale * n;
    }
    if (interval.getTotalCount() > 0) {
      double lo = interval.getMinValue() * scale;
      double hi = interval.highestEquivalentValue(interval.getMaxValue()) * scale;
      min = Double.isNaN(min) ? lo : Math.min(min, lo);
      max = Double.isNaN(max) ? hi : Math.max(max, hi);
    }
  }

  /** The bucket of {@code value} (> 0): the smallest i with value <= 2^(i / 2^schema). */
  static int nativeIndex(double value) {
    double perOctave = 1 << NATIVE_SCHEMA;
    int i = (int) Math.ceil(Math.log(value) / Math.log(2) * perOctave);
    // Math.log is not exact at the bounds themselves: settle on the right side of them.
    while (value > nativeBound(i)) {
      i++;
    }
    while (value <= nativeBound(i - 1)) {
      i--;
    }
    return i;
  }

  static double nativeBound(int index) {
    return Math.pow(2, index / (double) (1 << NATIVE_SCHEMA));
  }

  /** An immutable copy for the outputs. */
  HistogramSeries snapshot(String metric, dev.streamstorm.metrics.Tag tag, boolean time) {
    int[] indexes = new int[exponential.size()];
    long[] counts = new long[exponential.size()];
    int k = 0;
    for (var e : exponential.entrySet()) {
      indexes[k] = e.getKey();
      counts[k++] = e.getValue();
    }
    return new HistogramSeries(
        metric,
        tag,
        time,
        count,
        sum,
        min,
        max,
        bounds,
        classic.clone(),
        zeroCount,
        indexes,
        counts);
  }
}
