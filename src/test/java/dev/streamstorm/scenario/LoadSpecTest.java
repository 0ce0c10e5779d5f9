package dev.streamstorm.scenario;

import static dev.streamstorm.scenario.Flags.flags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.scenario.LoadSpec.Closed;
import dev.streamstorm.scenario.LoadSpec.Distribution;
import dev.streamstorm.scenario.LoadSpec.Limits;
import dev.streamstorm.scenario.LoadSpec.Open;
import dev.streamstorm.scenario.LoadSpec.Stage;
import dev.streamstorm.scenario.LoadSpec.Sweep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The closed and open load models, their limits, stages, sweeps, and the Locust mapping. */
class LoadSpecTest {
  static final String HEAD = "target: embedded\n";

  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void setUp() {
    f = new Fixture(dir);
  }

  LoadSpec load(String load) {
    return f.yaml(HEAD + load).load();
  }

  LoadSpec load(String load, Flags flags) {
    return f.yaml(HEAD + load, flags.build()).load();
  }

  static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  @Test
  void closedWithEveryLimit() {
    Closed c =
        (Closed)
            load(
                "load:\n  vus: 100\n  duration: 60s\n  gracefulStop: 5s\n  iterations: 10\n"
                    + "  totalIterations: 1000\n  maxMessages: 5000\n  maxTokens: 2000000\n  warmup: 10s\n");
    assertThat(c)
        .isEqualTo(
            new Closed(
                100,
                List.of(),
                s(5),
                new Limits(
                    Optional.of(s(60)),
                    Optional.of(10L),
                    Optional.of(1000L),
                    Optional.of(5000L),
                    Optional.of(2_000_000L),
                    s(10))));
  }

  @Test
  void closedDefaults() {
    Closed c = (Closed) load("load: { duration: 30s }\n");
    assertThat(c.vus()).isEqualTo(1);
    assertThat(c.gracefulStop()).isEqualTo(s(30));
    assertThat(c.limits().warmup()).isEqualTo(Duration.ZERO);
    assertThat(c.stages()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'load: { iterations: 3 }'       | iterations",
        "'load: { totalIterations: 9 }'  | total",
        "'load: { maxMessages: 50 }'     | messages",
        "'load: { maxTokens: 1000 }'     | tokens",
      })
  void anyLimitIsEnough(String load, String which) {
    Limits l = load(load + "\n").limits();
    assertThat(l.duration()).isEmpty();
    assertThat(
            switch (which) {
              case "iterations" -> l.iterationsPerUser();
              case "total" -> l.iterationsTotal();
              case "messages" -> l.maxMessages();
              default -> l.maxTokens();
            })
        .isPresent();
  }

  @Test
  void closedStagesStartFromZeroAndLastTheirTotal() {
    Closed c =
        (Closed)
            load(
                "load:\n  stages:\n    - { duration: 1m, target: 10 }\n    - { duration: 3m, target: 50 }\n"
                    + "    - { duration: 30s, target: 0 }\n");
    assertThat(c.stages())
        .containsExactly(
            new Stage(Duration.ofMinutes(1), 10),
            new Stage(Duration.ofMinutes(3), 50),
            new Stage(s(30), 0));
    assertThat(c.vus()).isEqualTo(50);
    assertThat(c.limits().duration()).contains(Duration.ofSeconds(270));
    Closed explicit =
        (Closed) load("load: { duration: 10m, stages: [ { duration: 1m, target: 4 } ] }\n");
    assertThat(explicit.limits().duration()).contains(Duration.ofMinutes(10));
  }

  @Test
  void openWithEveryKey() {
    Open o =
        (Open)
            load(
                "load:\n  arrival: { rate: 20/s, distribution: poisson }\n  maxInFlight: 5000\n"
                    + "  duration: 5m\n  gracefulStop: 10s\n  totalIterations: 100\n  maxTokens: 99\n");
    assertThat(o)
        .isEqualTo(
            new Open(
                20,
                Distribution.POISSON,
                List.of(),
                5000,
                Optional.empty(),
                s(10),
                new Limits(
                    Optional.of(Duration.ofMinutes(5)),
                    Optional.empty(),
                    Optional.of(100L),
                    Optional.empty(),
                    Optional.of(99L),
                    Duration.ZERO)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"20/s, 20", "1200/m, 20", "0.5/s, 0.5", "7, 7", "2.5, 2.5", "3600/h, 1"})
  void rateForms(String rate, double perSecond) {
    Open o = (Open) load("load: { arrival: { rate: " + rate + " }, duration: 1m }\n");
    assertThat(o.rate()).isEqualTo(perSecond);
    assertThat(o.distribution()).isEqualTo(Distribution.CONSTANT);
    assertThat(o.maxInFlight()).isEqualTo(1000);
  }

  @Test
  void openStagesRampTheRate() {
    Open o =
        (Open)
            load(
                "load:\n  arrival: { distribution: poisson }\n"
                    + "  stages: [ { duration: 1m, target: 50/s }, { duration: 2m, target: 600/m } ]\n");
    assertThat(o.rate()).isZero();
    assertThat(o.stages())
        .containsExactly(
            new Stage(Duration.ofMinutes(1), 50), new Stage(Duration.ofMinutes(2), 10));
    assertThat(o.limits().duration()).contains(Duration.ofMinutes(3));
  }

  @Test
  void sweepStepsTheRateAndSetsTheLength() {
    Open o =
        (Open)
            load(
                "load:\n  sweep: { start: 5/s, step: 5/s, max: 100/s, stepDuration: 30s,"
                    + " minGoodRatio: 0.9, maxErrorRate: 2% }\n");
    assertThat(o.sweep()).contains(new Sweep(5, 5, 100, s(30), 0.9, 0.02));
    assertThat(o.rate()).isEqualTo(5);
    assertThat(o.limits().duration()).contains(Duration.ofSeconds(20 * 30));
    Open defaults =
        (Open) load("load: { sweep: { start: 1, step: 2, max: 4, stepDuration: 10s } }\n");
    assertThat(defaults.sweep()).contains(new Sweep(1, 2, 4, s(10), 0.95, 0.01));
    assertThat(defaults.limits().duration()).contains(s(20));
  }

  @Test
  void locustUsersAndSpawnRateRampThenHold() {
    Closed c = (Closed) load("load: { vus: 3, duration: 30s }\n", flags().users(10).spawnRate(2));
    assertThat(c.vus()).isEqualTo(10);
    assertThat(c.stages()).containsExactly(new Stage(s(5), 10), new Stage(s(25), 10));
    assertThat(c.limits().duration()).contains(s(30));
  }

  @Test
  void locustMathsAtTheEdges() {
    assertThat(StageReader.locust(10, 2, Optional.of(s(3)))).containsExactly(new Stage(s(3), 6));
    assertThat(StageReader.locust(10, 2, Optional.of(s(5)))).containsExactly(new Stage(s(5), 10.0));
    assertThat(StageReader.locust(10, 4, Optional.empty()))
        .containsExactly(new Stage(Duration.ofMillis(2500), 10));
    assertThat(StageReader.locust(3, 0.5, Optional.of(Duration.ofMinutes(5))))
        .containsExactly(new Stage(s(6), 3), new Stage(s(294), 3));
  }

  @Test
  void locustUsersWithoutSpawnRateStartAtOnce() {
    Closed c = (Closed) load("load: { duration: 30s }\n", flags().users(8));
    assertThat(c.vus()).isEqualTo(8);
    assertThat(c.stages()).isEmpty();
  }

  @Test
  void locustWithoutDurationRampsAndHoldsUntilAnotherLimit() {
    Closed c = (Closed) load("load: { maxMessages: 100 }\n", flags().users(4).spawnRate(1));
    assertThat(c.stages()).containsExactly(new Stage(s(4), 4));
    assertThat(c.limits().duration()).isEmpty();
  }

  @Test
  void vusFlagReplacesFileStagesButKeepsTheirLength() {
    Closed c =
        (Closed) load("load: { stages: [ { duration: 1m, target: 10 } ] }\n", flags().vus(3));
    assertThat(c.vus()).isEqualTo(3);
    assertThat(c.stages()).isEmpty();
    assertThat(c.limits().duration()).contains(Duration.ofMinutes(1));
  }

  @Test
  void rateFlagSwitchesAClosedFileToOpen() {
    Open o =
        (Open)
            load(
                "load: { vus: 10, duration: 1m, iterations: 5 }\n",
                flags().rate("4/s").distribution("poisson"));
    assertThat(o.rate()).isEqualTo(4);
    assertThat(o.distribution()).isEqualTo(Distribution.POISSON);
    assertThat(o.limits().duration()).contains(Duration.ofMinutes(1));
    assertThat(o.limits().iterationsPerUser()).isEmpty();
  }

  @Test
  void vusFlagSwitchesAnOpenFileToClosed() {
    Closed c =
        (Closed)
            load(
                "load: { arrival: { rate: 5/s }, maxInFlight: 9, duration: 1m }\n", flags().vus(2));
    assertThat(c.vus()).isEqualTo(2);
    assertThat(c.limits().duration()).contains(Duration.ofMinutes(1));
  }

  @Test
  void iterationsFlagIsPerUserWhenClosedAndInAllWhenOpen() {
    assertThat(load("load: { vus: 2 }\n", flags().iterations(7)).limits().iterationsPerUser())
        .contains(7L);
    Limits open = load("load: { arrival: { rate: 1/s } }\n", flags().iterations(7)).limits();
    assertThat(open.iterationsTotal()).contains(7L);
    assertThat(open.iterationsPerUser()).isEmpty();
  }

  @Test
  void limitFlagsBeatTheFile() {
    Limits l =
        load(
                "load: { vus: 2, duration: 1m, maxMessages: 10, maxTokens: 10 }\n",
                flags().duration(s(5)).maxMessages(3).maxTokens(4))
            .limits();
    assertThat(l.duration()).contains(s(5));
    assertThat(l.maxMessages()).contains(3L);
    assertThat(l.maxTokens()).contains(4L);
  }

  @Test
  void openModelErrors() {
    assertThat(f.yamlError(HEAD + "load: { arrival: { distribution: poisson }, duration: 1m }\n"))
        .isEqualTo("s.yaml:2:18: load.arrival: missing key 'rate' (e.g. rate: 20/s)");
    assertThat(f.yamlError(HEAD + "load: { arrival: { rate: 0/s }, duration: 1m }\n"))
        .isEqualTo("s.yaml:2:26: load.arrival.rate: expected a rate above zero like 20/s");
    assertThat(f.yamlError(HEAD + "load: { arrival: { rate: 5/s }, iterations: 3 }\n"))
        .isEqualTo(
            "s.yaml:2:45: load.iterations: conversations per user apply to virtual users; with"
                + " arrivals use totalIterations");
    assertThat(
            f.yamlError(
                HEAD
                    + "load:\n  arrival: { rate: 2/s }\n  sweep: { start: 1, step: 1, max: 3, stepDuration: 5s }\n"))
        .isEqualTo(
            "s.yaml:3:20: load.arrival.rate: a sweep sets its own rates (sweep.start); remove this"
                + " rate");
    assertThat(
            f.yamlError(
                HEAD
                    + "load:\n  stages: [ { duration: 1m, target: 2/s } ]\n"
                    + "  sweep: { start: 1, step: 1, max: 3, stepDuration: 5s }\n"))
        .isEqualTo(
            "s.yaml:4:10: load.sweep: a sweep and stages both set the rate over time; choose one");
    assertThat(
            f.yamlError(
                HEAD + "load: { sweep: { start: 9, step: 1, max: 3, stepDuration: 5s } }\n"))
        .isEqualTo("s.yaml:2:42: load.sweep.max: the sweep's max rate is below its start rate");
  }

  @Test
  void stageErrors() {
    assertThat(f.yamlError(HEAD + "load: { stages: [] }\n"))
        .isEqualTo(
            "s.yaml:2:17: load.stages: expected at least one stage, e.g. - { duration: 1m, target:"
                + " 10 }");
    assertThat(f.yamlError(HEAD + "load: { stages: [ { target: 3 } ] }\n"))
        .isEqualTo("s.yaml:2:19: load.stages[0]: missing key 'duration'");
    assertThat(f.yamlError(HEAD + "load: { stages: [ { duration: 0s, target: 3 } ] }\n"))
        .isEqualTo(
            "s.yaml:2:17: load.stages: the stages last no time at all; give a stage a duration");
    assertThat(f.yamlError(HEAD + "load: { stages: [ { duration: 1m, target: -1 } ] }\n"))
        .isEqualTo(
            "s.yaml:2:43: load.stages[0].target: expected a whole number, 0 or more, got -1");
  }
}
