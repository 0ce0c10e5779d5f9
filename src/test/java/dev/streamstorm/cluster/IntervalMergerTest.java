package dev.streamstorm.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.Counter;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.Tag;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntervalMergerTest {

  /** A snapshot of interval {@code index} in which {@code ok} messages succeeded. */
  private static IntervalSnapshot interval(int index, long ok) {
    long[] counters = new long[Counter.SIZE];
    counters[Counter.OK.ordinal()] = ok;
    return new IntervalSnapshot(
        index,
        index * 1_000L,
        (index + 1) * 1_000L,
        Map.of(),
        Map.of(Tag.ALL, counters),
        new Gauges(1, 0, 0, 0, 0, 0, 0, 0));
  }

  private static long ok(IntervalSnapshot s) {
    return s.counter(Tag.ALL, Counter.OK);
  }

  @Test
  void anIntervalIsMergedOnceEveryAgentHasSentIt() {
    IntervalMerger m = new IntervalMerger(2);
    m.offer(0, interval(0, 1));
    assertThat(m.poll(i -> false)).isEmpty();
    m.offer(1, interval(0, 10));
    m.offer(1, interval(1, 20));

    List<IntervalSnapshot> out = m.poll(i -> false);

    assertThat(out).hasSize(1);
    assertThat(ok(out.get(0))).isEqualTo(11);
    assertThat(out.get(0).gauges().activeUsers()).isEqualTo(2);
  }

  @Test
  void anOverdueIntervalIsMergedWithoutTheLateAgentWhoseSnapshotJoinsTheNextMerge() {
    IntervalMerger m = new IntervalMerger(2);
    m.offer(0, interval(0, 1));
    List<IntervalSnapshot> first = m.poll(i -> i == 0);
    m.offer(1, interval(0, 10));
    m.offer(0, interval(1, 100));
    m.offer(1, interval(1, 1_000));
    List<IntervalSnapshot> second = m.poll(i -> false);

    assertThat(first).singleElement().satisfies(s -> assertThat(ok(s)).isEqualTo(1));
    assertThat(second).singleElement().satisfies(s -> assertThat(ok(s)).isEqualTo(1_110));
    assertThat(second.get(0).index()).isEqualTo(1);
    assertThat(second.get(0).gauges().activeUsers())
        .as("the late snapshot's users were counted in their own interval")
        .isEqualTo(2);
  }

  @Test
  void aLostAgentIsNoLongerWaitedFor() {
    IntervalMerger m = new IntervalMerger(3);
    m.offer(0, interval(0, 1));
    m.offer(1, interval(0, 2));
    assertThat(m.poll(i -> false)).isEmpty();

    m.lost(2);

    assertThat(m.poll(i -> false)).singleElement().satisfies(s -> assertThat(ok(s)).isEqualTo(3));
  }

  @Test
  void aFinishedAgentIsWaitedForOnlyUpToTheIntervalsItSent() {
    IntervalMerger m = new IntervalMerger(2);
    m.offer(0, interval(0, 1));
    m.offer(1, interval(0, 2));
    m.offer(1, interval(1, 4));
    m.finished(1, 2);
    m.offer(0, interval(1, 8));
    m.offer(0, interval(2, 16));
    m.finished(0, 3);

    List<IntervalSnapshot> out = m.poll(i -> false);

    assertThat(out).extracting(IntervalMergerTest::ok).containsExactly(3L, 12L, 16L);
    assertThat(m.flush()).isEmpty();
  }

  @Test
  void anIntervalNobodySentIsSkippedOnceLaterOnesArriveAndItIsOverdue() {
    IntervalMerger m = new IntervalMerger(1);
    m.offer(0, interval(0, 1));
    m.offer(0, interval(2, 4));

    assertThat(m.poll(i -> false)).extracting(IntervalMergerTest::ok).containsExactly(1L);
    assertThat(m.poll(i -> i == 1)).extracting(IntervalMergerTest::ok).containsExactly(4L);
  }

  @Test
  void flushMergesWhateverIsLeftInOrder() {
    IntervalMerger m = new IntervalMerger(2);
    m.offer(0, interval(0, 1));
    m.offer(0, interval(1, 2));
    m.offer(1, interval(1, 4));

    List<IntervalSnapshot> out = m.flush();

    assertThat(out).extracting(IntervalMergerTest::ok).containsExactly(1L, 6L);
    assertThat(out).extracting(IntervalSnapshot::index).containsExactly(0, 1);
  }
}
