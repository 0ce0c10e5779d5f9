package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmallParsersTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "30s, 30000000000",
    "500ms, 500000000",
    "2m, 120000000000",
    "1h, 3600000000000",
    "1m30s, 90000000000",
    "1.5s, 1500000000",
    "250us, 250000",
    "250µs, 250000",
    "0, 0",
    "0s, 0",
    "' 10s ', 10000000000",
  })
  void durations(String text, long nanos) {
    assertThat(Durations.parse(text)).contains(Duration.ofNanos(nanos));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {"fast", "30", "s", "10 s", "1m 30s", "-1s", "1.s", "", "3d", "99999999999999h"})
  void notDurations(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @Test
  void durationsFormatBack() {
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofNanos(5000))).isEqualTo("5us");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "20/s, 20",
    "1200/m, 20",
    "0.5/s, 0.5",
    "36000/h, 10",
    "7, 7",
    "2.5, 2.5",
    "'3 / s', 3"
  })
  void rates(String text, double perSecond) {
    assertThat(Rates.parse(text)).hasValue(perSecond);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"fast", "20/d", "/s", "-1/s", "20 per second", ""})
  void notRates(String text) {
    assertThat(Rates.parse(text)).isEmpty();
  }

  @Test
  void suggestionsFindTheIntendedKey() {
    List<String> keys = List.of("turns", "name", "weight", "thinkTime", "duration");
    assertThat(Suggest.closest("turn", keys)).contains("turns");
    assertThat(Suggest.closest("thinktime", keys)).contains("thinkTime");
    assertThat(Suggest.closest("duraton", keys)).contains("duration");
    assertThat(Suggest.closest("wieght", keys)).contains("weight");
    assertThat(Suggest.closest("xyz", keys)).isEmpty();
    assertThat(Suggest.distance("abc", "acb")).isEqualTo(1);
  }
}
