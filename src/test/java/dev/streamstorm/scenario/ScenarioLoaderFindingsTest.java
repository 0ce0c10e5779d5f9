package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What fuzzing {@link ScenarioLoaderFuzzTest} found, each as a plain test, with what was wrong. */
class ScenarioLoaderFindingsTest {

  private static final String SWEEP_UP_TO_1E20 =
      "target: embedded\n"
          + "load:\n"
          + "  sweep: { start: 5/s, step: 5/s, max: 99999999999999999999, stepDuration: 10s }\n"
          + "conversations: [ { turns: [hi] } ]\n";

  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void setUp() {
    f = new Fixture(dir);
  }

  /**
   * A sweep with no duration runs for its steps; 2e19 steps of 10 s overflowed Duration while the
   * run's length was worked out: ArithmeticException out of the loader (a stack trace and exit 1,
   * not exit 2 with the line).
   */
  @Test
  void aSweepTooLongForAnyRunIsAScenarioError() {
    assertThat(f.yamlError(SWEEP_UP_TO_1E20))
        .startsWith("s.yaml:3:10: load.sweep: ")
        .contains("each held 10s, would run for centuries");
  }

  /** With a duration, the sweep's own length is never needed: the scenario loads. */
  @Test
  void theSameSweepWithADurationLoads() {
    Scenario s = f.yaml(SWEEP_UP_TO_1E20.replace("load:\n", "load:\n  duration: 1m\n"));
    assertThat(((LoadSpec.Open) s.load()).limits().duration()).contains(Duration.ofMinutes(1));
  }
}
