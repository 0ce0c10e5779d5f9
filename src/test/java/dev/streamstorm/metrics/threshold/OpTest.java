package dev.streamstorm.metrics.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpTest {

  @ParameterizedTest(name = "{1} {0} {2} is {3}")
  @CsvSource({
    "LT, 1, 2, true", "LT, 2, 2, false", "LT, 3, 2, false",
    "LE, 1, 2, true", "LE, 2, 2, true", "LE, 3, 2, false",
    "GT, 1, 2, false", "GT, 2, 2, false", "GT, 3, 2, true",
    "GE, 1, 2, false", "GE, 2, 2, true", "GE, 3, 2, true",
    "EQ, 1, 2, false", "EQ, 2, 2, true", "EQ, 3, 2, false",
    "NE, 1, 2, true", "NE, 2, 2, false", "NE, 3, 2, true",
  })
  void comparesMeasuredWithLimit(Op op, double measured, double limit, boolean expected) {
    assertThat(op.test(measured, limit)).isEqualTo(expected);
  }
}
