package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario we ship loads and validates (Hyperfoil's ValidateExampleTest). */
class ShippedScenariosTest {

  static Stream<Path> scenarios() throws IOException {
    return Files.list(Path.of("scenarios"))
        .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
        .sorted();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void loads(Path file) {
    Scenario s = new ScenarioLoader(name -> "test-value").load(file, ScenarioOverrides.none());
    assertThat(s.conversations()).isNotEmpty();
    assertThat(s.name()).isNotBlank();
  }
}
