package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClosedLoadDriverTest {
  private static final long SPAN = 50_000_000L;

  @Test
  void aRisingLevelStartsEachUserWhenItsHalfIsReached() {
    // From 10 to 20 users over the span: the 11th is due at 10.5, a twentieth of the way.
    assertThat(ClosedLoadDriver.startDelayNs(11, 10, 20, SPAN)).isEqualTo(2_500_000L);
    assertThat(ClosedLoadDriver.startDelayNs(15, 10, 20, SPAN)).isEqualTo(22_500_000L);
    assertThat(ClosedLoadDriver.startDelayNs(20, 10, 20, SPAN)).isEqualTo(47_500_000L);
  }

  @Test
  void aUserAlreadyDueOrAFlatLevelStartsAtOnce() {
    assertThat(ClosedLoadDriver.startDelayNs(10, 10.2, 20, SPAN)).isZero();
    assertThat(ClosedLoadDriver.startDelayNs(5, 0, 0, SPAN)).isZero();
    assertThat(ClosedLoadDriver.startDelayNs(50, 50, 50, SPAN)).isZero();
    assertThat(ClosedLoadDriver.startDelayNs(30, 40, 30, SPAN)).isZero();
  }

  @Test
  void neverBeyondTheSpan() {
    assertThat(ClosedLoadDriver.startDelayNs(22, 10, 20.6, SPAN)).isEqualTo(SPAN);
  }
}
