package dev.streamstorm.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.results.GeneratorHealth;
import dev.streamstorm.metrics.results.Summary;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatTest {

  @Test
  void millisecondsKeepTheirPrecisionAcrossRounding() {
    assertThat(Format.ms(0.4249)).isEqualTo("0.42");
    assertThat(Format.ms(9.994)).isEqualTo("9.99");
    assertThat(Format.ms(9.998)).isEqualTo("10.0");
    assertThat(Format.ms(12.34)).isEqualTo("12.3");
    assertThat(Format.ms(99.96)).isEqualTo("100");
    assertThat(Format.ms(1234.4)).isEqualTo("1,234");
    assertThat(Format.ms(Double.NaN)).isEqualTo("-");
  }

  @Test
  void eventLoopsNameWhatIsKnownOfTheRuntime() {
    Summary none = Summary.of(null, true);
    GeneratorHealth g = new GeneratorHealth(2, none, none, 0, 0, 0, true, List.of());
    assertThat(Format.eventLoops(g)).isEqualTo("2 event loops");
    assertThat(Format.eventLoops(g.withRuntime("epoll", null))).isEqualTo("2 event loops (epoll)");
    assertThat(Format.eventLoops(g.withRuntime("epoll", "Parallel")))
        .isEqualTo("2 event loops (epoll, Parallel GC)");
  }
}
