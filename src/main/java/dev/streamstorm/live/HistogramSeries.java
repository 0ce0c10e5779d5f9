package dev.streamstorm.live;

import dev.streamstorm.metrics.Tag;

/**
 * One metric's whole-run histogram for one slice of the messages, as exported: time metrics in
 * seconds, counts as counts. Immutable once built (the arrays are never written after).
 *
 * @param metric the metric's id ({@code ttft}, {@code itl}, ...)
 * @param tag the slice: a turn of a conversation for per-message metrics, a conversation for those
 *     recorded per conversation, all messages for the generator's own
 * @param time true for durations (exported in seconds)
 * @param count values recorded
 * @param sum their sum (HdrHistogram's equivalent values)
 * @param min the smallest, NaN when none
 * @param max the largest, NaN when none
 * @param bounds classic upper bounds without +Inf
 * @param bucketCounts per classic bucket, not cumulative; the last is the +Inf bucket
 * @param zeroCount values recorded as 0 (under 1 µs, or a count of 0)
 * @param nativeIndexes native bucket indexes (schema {@link SeriesTotals#NATIVE_SCHEMA}), ascending
 * @param nativeCounts their counts, not cumulative
 */
public record HistogramSeries(
    String metric,
    Tag tag,
    boolean time,
    long count,
    double sum,
    double min,
    double max,
    double[] bounds,
    long[] bucketCounts,
    long zeroCount,
    int[] nativeIndexes,
    long[] nativeCounts) {

  public static int nativeSchema() {
    return SeriesTotals.NATIVE_SCHEMA;
  }
}
