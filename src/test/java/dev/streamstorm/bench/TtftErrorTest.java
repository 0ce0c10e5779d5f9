package dev.streamstorm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TtftErrorTest {

  private static final long MS = 1_000_000L;

  @Test
  void matchesByRequestIdAndMeasuresClientArrivalMinusServerWrite() {
    List<FirstTokenLog.Entry> client =
        List.of(
            new FirstTokenLog.Entry("b1-1-1-1", 1_000 * MS + 300_000),
            new FirstTokenLog.Entry("b1-2-1-1", 2_000 * MS + 100_000),
            new FirstTokenLog.Entry("b1-3-1-1", 3_000 * MS)); // the server never saw it
    List<ServerStats.Request> server =
        List.of(
            new ServerStats.Request("b1-1-1-1", 200, 1_000 * MS, 50),
            new ServerStats.Request("b1-2-1-1", 200, 2_000 * MS, 50),
            new ServerStats.Request("b1-4-1-1", 200, 4_000 * MS, 50),
            new ServerStats.Request("b1-5-1-1", 500, null, 0));

    TtftError e = TtftError.of(TtftError.match(client, server, 0, Long.MAX_VALUE));

    assertThat(e.matched()).isEqualTo(2);
    assertThat(e.p50Ms()).isEqualTo(0.1);
    assertThat(e.maxMs()).isEqualTo(0.3);
    assertThat(e.minMs()).isEqualTo(0.1);
  }

  @Test
  void onlyFirstTokensInsideTheWindowCount() {
    List<FirstTokenLog.Entry> client =
        List.of(new FirstTokenLog.Entry("a", 999 * MS), new FirstTokenLog.Entry("b", 1_500 * MS));
    List<ServerStats.Request> server =
        List.of(
            new ServerStats.Request("a", 200, 998 * MS, 1),
            new ServerStats.Request("b", 200, 1_499 * MS, 1));

    TtftError e = TtftError.of(TtftError.match(client, server, 1_000 * MS, 2_000 * MS));

    assertThat(e.matched()).isEqualTo(1);
    assertThat(e.p99Ms()).isEqualTo(1.0);
  }

  @Test
  void percentilesAreNearestRankAndNegativeErrorsStayVisible() {
    List<Long> errors = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      errors.add(i * 10_000L); // 0.01 ms .. 2 ms
    }
    errors.set(0, -50_000L);

    TtftError e = TtftError.ofErrorsNs(errors.stream().mapToLong(Long::longValue).toArray());

    assertThat(e.matched()).isEqualTo(200);
    assertThat(e.p50Ms()).isEqualTo(1.0);
    assertThat(e.p99Ms()).isEqualTo(1.98);
    assertThat(e.maxMs()).isEqualTo(2.0);
    assertThat(e.minMs()).isEqualTo(-0.05);
  }

  @Test
  void nothingMatchedIsNone() {
    assertThat(TtftError.of(TtftError.match(List.of(), List.of(), 0, 1))).isEqualTo(TtftError.NONE);
  }
}
