package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamstorm.scenario.LoadSpec.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArrivalSequenceTest {
  private static final long S = 1_000_000_000L;

  @Test
  void constantRateIsEvenlySpacedAndSplitExactlyAcrossLoops() {
    StageProfile rate = StageProfile.constant(20);
    List<Long> all = new ArrayList<>();
    for (int loop = 0; loop < 3; loop++) {
      ArrivalSequence seq = ArrivalSequence.constant(rate, loop, 3);
      for (long t = seq.nextFireTimeNs(); t < 10 * S; t = seq.nextFireTimeNs()) {
        all.add(t);
      }
    }
    all.sort(Long::compare);
    assertThat(all).hasSize(200);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i)).isEqualTo(i * 50_000_000L);
    }
  }

  @Test
  void constantRampFollowsTheRate() {
    // 0 → 100/s over 10 s: 500 arrivals, half of them in the last 2.93 s (t = 10·√0.5 = 7.07 s).
    StageProfile rate = new StageProfile(0, List.of(new Stage(Duration.ofSeconds(10), 100)));
    ArrivalSequence seq = ArrivalSequence.constant(rate, 0, 1);
    int n = 0;
    int late = 0;
    for (long t = seq.nextFireTimeNs(); t < 10 * S; t = seq.nextFireTimeNs()) {
      n++;
      if (t >= (long) (Math.sqrt(0.5) * 10 * S)) {
        late++;
      }
    }
    assertThat(n).isBetween(499, 501);
    assertThat(late).isBetween(249, 251);
  }

  @Test
  void poissonInterArrivalsHaveTheRightMeanAndVariation() {
    StageProfile rate = StageProfile.constant(50);
    ArrivalSequence seq = ArrivalSequence.poisson(rate, 1, new SplittableRandom(42));
    int n = 20_000;
    double[] gaps = new double[n];
    long prev = 0;
    for (int i = 0; i < n; i++) {
      long t = seq.nextFireTimeNs();
      gaps[i] = (t - prev) / 1e9;
      prev = t;
    }
    double mean = 0;
    for (double g : gaps) {
      mean += g;
    }
    mean /= n;
    double var = 0;
    for (double g : gaps) {
      var += (g - mean) * (g - mean);
    }
    double cv = Math.sqrt(var / (n - 1)) / mean;
    // Exponential gaps: mean 1/rate = 20 ms, coefficient of variation 1. With 20,000 samples the
    // standard error of the mean is 0.7% and of the CV about 1%: 5% bounds are > 5 sigma.
    assertThat(mean).isCloseTo(0.020, within(0.001));
    assertThat(cv).isCloseTo(1.0, within(0.05));
  }

  @Test
  void poissonSplitAcrossLoopsKeepsTheTotalRate() {
    StageProfile rate = StageProfile.constant(100);
    long count = 0;
    for (int loop = 0; loop < 4; loop++) {
      ArrivalSequence seq = ArrivalSequence.poisson(rate, 4, new SplittableRandom(7 + loop));
      for (long t = seq.nextFireTimeNs(); t < 100 * S; t = seq.nextFireTimeNs()) {
        count++;
      }
    }
    // Expected 10,000, standard deviation 100.
    assertThat(count).isBetween(9_500L, 10_500L);
  }
}
