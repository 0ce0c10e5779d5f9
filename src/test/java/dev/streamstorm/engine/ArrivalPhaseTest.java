package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.scenario.LoadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A distributed run's agents each run 1/n of an open-model rate, shifted by k/n of an arrival:
 * together they produce the one schedule a single generator would, interleaved rather than in
 * bursts of n, on a constant rate and on a ramp alike.
 */
class ArrivalPhaseTest {

  @Test
  void agentsAtAFractionOfTheRateShiftedByTheirIndexMakeUpTheWholeSchedule() {
    List<LoadSpec.Stage> stages =
        List.of(
            new LoadSpec.Stage(Duration.ofSeconds(10), 40),
            new LoadSpec.Stage(Duration.ofSeconds(10), 40));
    StageProfile whole = new StageProfile(4, stages);
    int agents = 3;
    int loops = 2;
    StageProfile share =
        new StageProfile(
            4.0 / agents,
            stages.stream()
                .map(s -> new LoadSpec.Stage(s.duration(), s.target() / agents))
                .toList());

    List<Long> expected = fireTimes(List.of(ArrivalSequence.constant(whole, 0, 1)), 300);
    List<ArrivalSequence> cluster = new ArrayList<>();
    for (int k = 0; k < agents; k++) {
      for (int loop = 0; loop < loops; loop++) {
        cluster.add(ArrivalSequence.constant(share, loop, loops, (double) k / agents));
      }
    }
    List<Long> actual = fireTimes(cluster, 300);

    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("arrival %d", i).isCloseTo(expected.get(i), withinOneMicro());
    }
  }

  private static org.assertj.core.data.Offset<Long> withinOneMicro() {
    return org.assertj.core.data.Offset.offset(1_000L);
  }

  /** The first {@code n} fire times of all the sequences together, in order. */
  private static List<Long> fireTimes(List<ArrivalSequence> sequences, int n) {
    List<Long> all = new ArrayList<>();
    for (ArrivalSequence s : sequences) {
      for (int i = 0; i < n; i++) {
        all.add(s.nextFireTimeNs());
      }
    }
    all.sort(null);
    return all.subList(0, n);
  }
}
