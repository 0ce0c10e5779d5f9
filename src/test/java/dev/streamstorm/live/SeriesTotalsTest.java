package dev.streamstorm.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.SeriesKey;
import dev.streamstorm.metrics.Tag;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Whole-run bucket counts built from intervals' recorded values. */
class SeriesTotalsTest {

  @Test
  void nativeBucketsFollowTheSchema() {
    assertThat(SeriesTotals.nativeIndex(1.0)).isZero();
    assertThat(SeriesTotals.nativeIndex(2.0)).isEqualTo(8);
    assertThat(SeriesTotals.nativeIndex(Math.pow(2, 1 / 8.0))).isEqualTo(1);
    assertThat(SeriesTotals.nativeIndex(Math.nextUp(1.0))).isEqualTo(1);
    assertThat(SeriesTotals.nativeIndex(0.5)).isEqualTo(-8);
    for (double v = 1e-6; v < 1e4; v *= 1.37) {
      int i = SeriesTotals.nativeIndex(v);
      assertThat(v).isGreaterThan(SeriesTotals.nativeBound(i - 1));
      assertThat(v).isLessThanOrEqualTo(SeriesTotals.nativeBound(i));
    }
  }

  @Test
  void everyRecordedValueIsCountedOnceInTheBucketOfItsEquivalentValue() {
    SeriesTotals totals = new SeriesTotals(1e-6, BucketLayout.FIRST_TOKEN);
    Histogram first = new Histogram(3);
    first.recordValueWithCount(0, 2); // under a microsecond
    first.recordValueWithCount(700, 5); // 0.7 ms: le 0.001
    first.recordValueWithCount(45_000, 3); // 45 ms: le 0.06
    Histogram second = new Histogram(3);
    second.recordValueWithCount(3_000_000, 1); // 3 s: le 5
    totals.add(SeriesValues.of(SeriesKey.of(Metric.TTFT, Tag.ALL), first));
    totals.add(SeriesValues.of(SeriesKey.of(Metric.TTFT, Tag.ALL), second));

    HistogramSeries s = totals.snapshot("ttft", Tag.ALL, true);
    assertThat(s.count()).isEqualTo(11);
    long[] expected = new long[BucketLayout.FIRST_TOKEN.length + 1];
    expected[0] = 2 + 5; // 0 and 0.7 ms are both <= 1 ms
    expected[5] = 3; // (0.04, 0.06]
    expected[13] = 1; // (2.5, 5]
    assertThat(s.bucketCounts()).containsExactly(expected);
    assertThat(s.zeroCount()).isEqualTo(2);
    assertThat(java.util.Arrays.stream(s.nativeCounts()).sum()).isEqualTo(9);
    assertThat(s.sum())
        .isCloseTo(5 * 0.0007 + 3 * 0.045 + 3.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(s.max()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.003));
  }
}
