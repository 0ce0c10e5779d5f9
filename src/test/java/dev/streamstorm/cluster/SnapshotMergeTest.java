package dev.streamstorm.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.Seeded;
import dev.streamstorm.metrics.Gauges;
import dev.streamstorm.metrics.IntervalSnapshot;
import dev.streamstorm.metrics.MessageOutcome;
import dev.streamstorm.metrics.Metric;
import dev.streamstorm.metrics.Tag;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The coordinator's merge is exact: the merge of what several agents recorded (sent over the wire
 * as they are) equals what one recorder would have recorded for the union of their messages.
 */
@ExtendWith(Seeded.class)
class SnapshotMergeTest {

  @RepeatedTest(25)
  void theMergeOfTheAgentsSnapshotsIsTheSnapshotOfTheUnionOfTheirMessages(Random r) {
    int agents = 1 + r.nextInt(5);
    List<List<MessageOutcome>> perAgent = new ArrayList<>();
    for (int a = 0; a < agents; a++) {
      perAgent.add(new ArrayList<>());
    }
    List<MessageOutcome> all = new ArrayList<>();
    int n = r.nextInt(3_000);
    for (int i = 0; i < n; i++) {
      MessageOutcome m = Snapshots.message(r, 1_000_000L * i);
      all.add(m);
      perAgent.get(r.nextInt(agents)).add(m);
    }
    List<IntervalSnapshot> received = new ArrayList<>();
    for (List<MessageOutcome> mine : perAgent) {
      IntervalSnapshot sent = Snapshots.record(mine, 1 + r.nextInt(4), Gauges.NONE);
      JsonObject wire = new JsonObject(SnapshotCodec.encode(sent, 0).encode());
      received.add(SnapshotCodec.decode(wire, 0));
    }

    IntervalSnapshot merged = SnapshotMerge.merge(0, received, List.of());

    Snapshots.assertSameData(merged, Snapshots.record(all, 1, Gauges.NONE));
  }

  @Test
  void lateSnapshotsAddTheirCountsButNotTheirPointInTimeGauges() {
    Random r = new Random(1);
    List<MessageOutcome> early = new ArrayList<>();
    List<MessageOutcome> now = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      (i % 2 == 0 ? early : now).add(Snapshots.message(r, i));
    }
    IntervalSnapshot late = Snapshots.record(early, 1, new Gauges(40, 30, 5.0, 7, 1, 1, 90, 99));
    IntervalSnapshot a = Snapshots.record(now, 2, new Gauges(10, 8, 2.5, 3, 0, 2, 20, 30));
    IntervalSnapshot b = Snapshots.record(List.of(), 1, new Gauges(12, 9, 2.5, 2, 1, 2, 35, 25));

    IntervalSnapshot merged = SnapshotMerge.merge(4, List.of(a, b), List.of(late));

    List<MessageOutcome> union = new ArrayList<>(early);
    union.addAll(now);
    Snapshots.assertSameData(merged, Snapshots.record(union, 1, Gauges.NONE));
    Gauges g = merged.gauges();
    assertThat(merged.index()).isEqualTo(4);
    assertThat(g.activeUsers()).isEqualTo(22);
    assertThat(g.inFlight()).isEqualTo(17);
    assertThat(g.targetRate()).isEqualTo(5.0);
    assertThat(g.arrivals()).as("counts within intervals add up, late ones too").isEqualTo(12);
    assertThat(g.dropped()).isEqualTo(2);
    assertThat(g.stage()).isEqualTo(2);
    assertThat(g.cpuPercent()).as("the busiest agent").isEqualTo(35);
    assertThat(g.busiestLoopPercent()).isEqualTo(30);
  }

  @Test
  void theWireCarriesInstantsAsOffsetsFromEachSidesRunStart() {
    Random r = new Random(2);
    List<MessageOutcome> ms = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ms.add(Snapshots.message(r, i));
    }
    IntervalSnapshot s = Snapshots.record(ms, 1, new Gauges(1, 2, 3.5, 4, 5, 6, 7.5, 8.5));
    long agentStart = -5_000_000_000L;
    long coordinatorStart = 123_456_789_000L;

    IntervalSnapshot back =
        SnapshotCodec.decode(SnapshotCodec.encode(s, agentStart), coordinatorStart);

    assertThat(back.startNs() - coordinatorStart).isEqualTo(s.startNs() - agentStart);
    assertThat(back.endNs() - coordinatorStart).isEqualTo(s.endNs() - agentStart);
    assertThat(back.gauges()).isEqualTo(s.gauges());
    assertThat(back.index()).isEqualTo(s.index());
    Snapshots.assertSameData(back, s);
    assertThat(back.histogram(Metric.TTFT, Tag.conversation("simple"))).isNotNull();
  }
}
