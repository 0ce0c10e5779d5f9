package dev.streamstorm.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.HistogramCodec;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileCurvesTest {

  private static Histogram histogram(int count, long stepMicros) {
    Histogram h = new Histogram(3);
    for (int i = 1; i <= count; i++) {
      h.recordValue(i * stepMicros);
    }
    return h;
  }

  private static String encoded(int count, long stepMicros) {
    return HistogramCodec.encode(histogram(count, stepMicros));
  }

  /** What HdrHistogram reports for a recorded value (the top of its bucket), in ms. */
  private static double reported(Histogram h, long micros) {
    return h.highestEquivalentValue(micros) / 1000.0;
  }

  @Test
  void gridSpreadsTheTailAndEachCurveEndsAtItsMaximum() {
    PercentileCurves.Curves c =
        PercentileCurves.of(
            Map.of(
                "all",
                encoded(1000, 1000),
                "big",
                encoded(900, 1000),
                "small",
                encoded(100, 1000)));
    assertThat(c.labels()).containsExactly("all", "big", "small");
    assertThat(c.counts()).containsExactly(1000L, 900L, 100L);
    List<Double> x = c.x();
    assertThat(x.get(0)).isEqualTo(1.0);
    assertThat(x.get(x.size() - 1)).isEqualTo(1000.0);
    assertThat(x).isSorted().contains(10.0, 100.0, 900.0);
    // 25 points per decade of 1/(1-p): 90% is x = 10, 99% is x = 100.
    assertThat(x.indexOf(10.0)).isEqualTo(PercentileCurves.STEPS_PER_DECADE);

    Histogram h = histogram(100, 1000);
    List<Double> small = c.values().get(2);
    int end = x.indexOf(100.0);
    assertThat(small.get(0)).isEqualTo(reported(h, 1000)); // p0 = the minimum, 1 ms
    assertThat(small.get(end)).isEqualTo(reported(h, 100_000)); // its 100th sample: its maximum
    assertThat(small.subList(end + 1, small.size())).containsOnlyNulls();
    assertThat(small.subList(0, end + 1)).doesNotContainNull().isSorted();
    // At 90% (x = 10) the value is the 90th percentile: 90 ms of 1..100 ms.
    assertThat(small.get(x.indexOf(10.0))).isEqualTo(reported(h, 90_000));
    assertThat(c.values().get(0).get(x.size() - 1)).isEqualTo(reported(h, 1_000_000));
  }

  @Test
  void oneConversationIsDrawnOnceAsAll() {
    PercentileCurves.Curves c =
        PercentileCurves.of(Map.of("all", encoded(50, 10), "only", encoded(50, 10)));
    assertThat(c.labels()).containsExactly("all");
  }

  @Test
  void zeroValuesSitOnTheLogScalesFloor() {
    Histogram h = new Histogram(3);
    h.recordValue(0);
    h.recordValue(5_000);
    PercentileCurves.Curves c = PercentileCurves.of(Map.of("all", HistogramCodec.encode(h)));
    assertThat(c.values().get(0).get(0)).isEqualTo(PercentileCurves.FLOOR_MS);
    assertThat(c.values().get(0).get(c.x().size() - 1)).isEqualTo(reported(h, 5_000));
  }
}
