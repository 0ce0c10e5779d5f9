package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.admission.CapacityGate;
import dev.streamstorm.benchserver.admission.RateLimiter;
import dev.streamstorm.benchserver.admission.TokenBucket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private static final long S = 1_000_000_000L;

  @Test
  void tokenBucketRefillsContinuouslyAndSaysHowLongToWait() {
    TokenBucket b = new TokenBucket(2, 2, 0);

    assertThat(b.tryTake(1, 0)).isZero();
    assertThat(b.tryTake(1, 0)).isZero();
    assertThat(b.tryTake(1, 0)).isEqualTo(S / 2);
    assertThat(b.tryTake(1, S / 2)).isZero();
  }

  @Test
  void rateLimiterChargesRequestsAndTokensAndRefusedRequestsCostNothing() {
    RateLimiter limiter = new RateLimiter(10, 600, 0); // 10 rps, 10 tokens/s

    assertThat(limiter.tryAdmit(500, 0)).isZero();
    long wait = limiter.tryAdmit(200, 0); // 100 left, 100 short at 10/s
    assertThat(wait).isEqualTo(10 * S);
    assertThat(RateLimiter.retryAfterSeconds(wait)).isEqualTo(10);
    assertThat(RateLimiter.retryAfterSeconds(1)).isEqualTo(1);
    for (int i = 0; i < 9; i++) {
      assertThat(limiter.tryAdmit(1, 0)).as("request %d", i).isZero();
    }
    assertThat(limiter.tryAdmit(1, 0)).isPositive();
  }

  @Test
  void capacityGateQueuesFifoAndRejectsBeyondTheQueue() {
    CapacityGate gate = new CapacityGate(1, 2);
    List<String> granted = new ArrayList<>();
    Runnable a = () -> granted.add("a");
    Runnable b = () -> granted.add("b");

    assertThat(gate.acquire(() -> {})).isEqualTo(CapacityGate.Admission.GRANTED);
    assertThat(gate.acquire(a)).isEqualTo(CapacityGate.Admission.QUEUED);
    assertThat(gate.acquire(b)).isEqualTo(CapacityGate.Admission.QUEUED);
    assertThat(gate.acquire(() -> {})).isEqualTo(CapacityGate.Admission.REJECTED);
    assertThat(gate.queueDepth()).isEqualTo(2);

    gate.release();
    assertThat(granted).containsExactly("a");
    assertThat(gate.cancel(b)).isTrue();
    gate.release(); // a is done; b no longer waits
    assertThat(granted).containsExactly("a");
    assertThat(gate.inUse()).isZero();
  }
}
