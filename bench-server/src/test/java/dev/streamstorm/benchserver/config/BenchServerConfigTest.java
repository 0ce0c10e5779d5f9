package dev.streamstorm.benchserver.config;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchServerConfigTest {

  @Test
  void fromMapReadsTheCliOptionNames() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ttft", "200ms");
    m.put("itl", "uniform:5ms:15ms");
    m.put("tokens", 50);
    m.put("maxConcurrency", 16);
    m.put("queueLimit", "4");
    m.put("rateLimitRps", 10);
    m.put("rateLimitTpm", 6000);
    m.put("faultDrop", 0.05);
    m.put("seed", 7);
    m.put("historyCost", "2ms");
    m.put("stallDuration", "3s");

    BenchServerConfig c = BenchServerConfig.fromMap(m);

    assertThat(c.ttft()).isEqualTo(Dist.fixed(200, MILLISECONDS));
    assertThat(c.itl()).isEqualTo(new Dist.Uniform(5e6, 15e6));
    assertThat(c.tokens()).isEqualTo(Dist.fixed(50));
    assertThat(c.maxConcurrency()).isEqualTo(16);
    assertThat(c.queueLimit()).isEqualTo(4);
    assertThat(c.rateLimitRps()).isEqualTo(10.0);
    assertThat(c.rateLimitTpm()).isEqualTo(6000);
    assertThat(c.faultDrop()).isEqualTo(0.05);
    assertThat(c.seed()).isEqualTo(7);
    assertThat(c.historyCost()).isEqualTo(Dist.fixed(2, MILLISECONDS));
    assertThat(c.stallDuration()).isEqualTo(new Dist.Fixed(3e9));
    assertThat(c.itl()).isNotEqualTo(BenchServerConfig.defaults().itl());
  }

  @Test
  void unknownKeysAndBadValuesNameTheKey() {
    assertThatThrownBy(() -> BenchServerConfig.fromMap(Map.of("ttfb", "1s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown bench-server option 'ttfb'")
        .hasMessageContaining("ttft");
    assertThatThrownBy(() -> BenchServerConfig.fromMap(Map.of("ttft", 200)))
        .hasMessageStartingWith("ttft: expected a duration");
    assertThatThrownBy(() -> BenchServerConfig.fromMap(Map.of("faultDrop", 1.5)))
        .hasMessageStartingWith("faultDrop: expected a number between 0.0 and 1.0");
    assertThatThrownBy(() -> BenchServerConfig.fromMap(Map.of("maxConcurrency", "many")))
        .hasMessageStartingWith("maxConcurrency: expected an integer");
    assertThatThrownBy(() -> BenchServerConfig.fromMap(Map.of("eventLoops", 0)))
        .hasMessageStartingWith("eventLoops: expected an integer >= 1");
  }

  @Test
  void faultProbabilitiesMustLeaveRoomForEachOther() {
    assertThatThrownBy(() -> BenchServerConfig.fromMap(Map.of("fault500", 0.6, "faultDrop", 0.6)))
        .hasMessageContaining("add up to at most 1");
  }

  @Test
  void withCopiesChangeOneField() {
    BenchServerConfig base = BenchServerConfig.defaults();
    BenchServerConfig changed = base.withMaxConcurrency(3).withSeed(9);

    assertThat(changed.maxConcurrency()).isEqualTo(3);
    assertThat(changed.seed()).isEqualTo(9);
    assertThat(changed.ttft()).isEqualTo(base.ttft());
    assertThat(base.maxConcurrency()).isZero();
  }
}
