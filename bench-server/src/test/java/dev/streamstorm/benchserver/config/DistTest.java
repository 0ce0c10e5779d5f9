package dev.streamstorm.benchserver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class DistTest {

  @Test
  void parsesEveryDurationForm() {
    assertThat(Dist.parseDuration("200ms")).isEqualTo(new Dist.Fixed(200e6));
    assertThat(Dist.parseDuration("fixed:1.5s")).isEqualTo(new Dist.Fixed(1.5e9));
    assertThat(Dist.parseDuration("uniform:100ms:300ms")).isEqualTo(new Dist.Uniform(100e6, 300e6));
    assertThat(Dist.parseDuration("normal:200ms:30ms")).isEqualTo(new Dist.Normal(200e6, 30e6));
    assertThat(Dist.parseDuration("lognormal:200ms:0.5")).isEqualTo(new Dist.LogNormal(200e6, 0.5));
    assertThat(Dist.parseDuration("exponential:200ms")).isEqualTo(new Dist.Exponential(200e6));
    assertThat(Dist.parseDuration("250us")).isEqualTo(new Dist.Fixed(250e3));
    assertThat(Dist.parseDuration("7ns")).isEqualTo(new Dist.Fixed(7));
    assertThat(Dist.parseDuration("2m")).isEqualTo(new Dist.Fixed(120e9));
    assertThat(Dist.parseDuration("0")).isEqualTo(new Dist.Fixed(0));
  }

  @Test
  void parsesCountsWithoutUnits() {
    assertThat(Dist.parseCount("50")).isEqualTo(new Dist.Fixed(50));
    assertThat(Dist.parseCount("uniform:20:80")).isEqualTo(new Dist.Uniform(20, 80));
  }

  @Test
  void rejectsBadSpecsSayingWhatWasExpected() {
    assertThatThrownBy(() -> Dist.parseDuration("200"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'200' is not a duration with a unit")
        .hasMessageContaining("expected a duration like 200ms");
    assertThatThrownBy(() -> Dist.parseDuration("gamma:1s"))
        .hasMessageContaining("unknown distribution 'gamma'");
    assertThatThrownBy(() -> Dist.parseDuration("uniform:1s"))
        .hasMessageContaining("wrong number of parameters");
    assertThatThrownBy(() -> Dist.parseDuration("uniform:3s:1s"))
        .hasMessageContaining("max must be >= min");
    assertThatThrownBy(() -> Dist.parseCount("20ms")).hasMessageContaining("expected a count");
  }

  @Test
  void samplesStayInRangeAndNormalClampsAtZero() {
    SplittableRandom rng = new SplittableRandom(3);
    Dist uniform = new Dist.Uniform(10, 20);
    Dist normal = new Dist.Normal(1, 100);
    assertThat(DoubleStream.generate(() -> uniform.sample(rng)).limit(1000))
        .allMatch(v -> v >= 10 && v <= 20);
    assertThat(DoubleStream.generate(() -> normal.sample(rng)).limit(1000)).allMatch(v -> v >= 0);
  }

  @Test
  void distributionsHaveTheirDocumentedCentre() {
    assertThat(median(new Dist.LogNormal(200, 0.5)))
        .isCloseTo(200, org.assertj.core.data.Offset.offset(10.0));
    assertThat(mean(new Dist.Exponential(200)))
        .isCloseTo(200, org.assertj.core.data.Offset.offset(10.0));
    assertThat(mean(new Dist.Normal(200, 30)))
        .isCloseTo(200, org.assertj.core.data.Offset.offset(3.0));
  }

  private static double mean(Dist d) {
    SplittableRandom rng = new SplittableRandom(11);
    return DoubleStream.generate(() -> d.sample(rng)).limit(20_000).average().orElseThrow();
  }

  private static double median(Dist d) {
    SplittableRandom rng = new SplittableRandom(11);
    double[] v = DoubleStream.generate(() -> d.sample(rng)).limit(20_001).sorted().toArray();
    return v[v.length / 2];
  }
}
