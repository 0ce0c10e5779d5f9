package dev.streamstorm.live;

import dev.streamstorm.metrics.Tag;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * One series' whole-run histogram in the shape Prometheus and OpenTelemetry expose: count, sum,
 * classic bucket counts and native (exponential) buckets, grown by each interval's recorded values.
 *
 * <p>Why this way: the run already merges every event loop's HdrHistogram once per interval. Taking
 * that interval histogram's recorded values (a few hundred distinct buckets, {@link SeriesValues})
 * and adding each one's count to the bucket it falls in costs the same whether the interval held
 * ten messages or a million tokens, and never touches the per-token path; observing every value
 * again into a client library's histogram would cost one call per sample. The counts are exact:
 * every value the run measured lands in exactly one bucket, so {@code count} equals the run's own
 * count. A value sits in HdrHistogram at 3 significant digits, so one within 0.1% of a bucket's
 * bound may be counted on either side of it (its highest equivalent value decides, as in the run's
 * own percentiles), and the sum is the sum of those equivalent values.
 *
 * <p>Native buckets use {@link #NATIVE_SCHEMA}: bucket {@code i} holds values in {@code
 * (2^((i-1)/8), 2^(i/8)]}, about 9% wide, coarser than HdrHistogram's resolution, so the mapping
 * adds no error beyond it. Confined to the live thread.
 */
final class SeriesTotals {
  /** Prometheus native-histogram schema (OpenTelemetry's exponential scale): 2^(1/8) per bucket. */
  static final int NATIVE_SCHEMA = 3;

  /** Native indexes kept: 2^-40 to 2^40 at schema 3, far past a microsecond and an hour. */
  private static final int NATIVE_OFFSET = 320;

  /** Equivalent-value arithmetic of the run's recorders (3 significant digits); read only. */
  private static final Histogram EQUIVALENT = new Histogram(3);

  private final double scale;
  private final double[] bounds;
  private final long[] classic;
  private final long[] exponential = new long[2 * NATIVE_OFFSET];
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

  /** Adds one interval's values (each its HdrHistogram bucket's highest equivalent value). */
  void add(SeriesValues v) {
    long[] values = v.values();
    long[] counts = v.counts();
    for (int i = 0; i < values.length; i++) {
      long n = counts[i];
      double value = values[i] * scale;
      int b = Arrays.binarySearch(bounds, value);
      classic[b >= 0 ? b : -b - 1] += n;
      if (values[i] == 0) {
        zeroCount += n;
      } else {
        int k = nativeIndex(value) + NATIVE_OFFSET;
        exponential[Math.max(0, Math.min(exponential.length - 1, k))] += n;
      }
      count += n;
      sum += EQUIVALENT.medianEquivalentValue(values[i]) * scale * n;
    }
    if (values.length > 0) {
      double lo = EQUIVALENT.lowestEquivalentValue(values[0]) * scale;
      double hi = values[values.length - 1] * scale;
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
  HistogramSeries snapshot(String metric, Tag tag, boolean time) {
    int n = 0;
    for (long c : exponential) {
      n += c > 0 ? 1 : 0;
    }
    int[] indexes = new int[n];
    long[] counts = new long[n];
    int k = 0;
    for (int i = 0; i < exponential.length; i++) {
      if (exponential[i] > 0) {
        indexes[k] = i - NATIVE_OFFSET;
        counts[k++] = exponential[i];
      }
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
