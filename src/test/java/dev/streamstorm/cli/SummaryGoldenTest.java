package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.report.ConsoleSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole end-of-run summary, character for character, for results files of the shipped scenarios
 * (real runs against the embedded bench-server, their series and histograms left out): every
 * section the summary has (latencies, conversations and turns, the server's usage and phases,
 * thresholds, the rate sweep, reasoning) pinned, so that a refactoring of the report changes none
 * of it by accident. A deliberate change of the summary rewrites the expected texts with {@code
 * -Dstreamstorm.updateGolden=true}, and the diff shows what users will see differently.
 */
class SummaryGoldenTest {

  private static final Path DIR = Path.of("src/test/resources/dev/streamstorm/cli/summary");

  @ParameterizedTest
  @ValueSource(strings = {"quickstart", "support-agent", "slo-gate", "sweep", "reasoning-agent"})
  void theSummaryOfAShippedScenariosResultsIsAsPinned(String name) throws Exception {
    String rendered = ConsoleSummary.render(ResultsFiles.read(DIR.resolve(name + ".json")));
    Path expected = DIR.resolve(name + ".txt");
    if (Boolean.getBoolean("streamstorm.updateGolden")) {
      Files.writeString(expected, rendered, StandardCharsets.UTF_8);
    }
    assertThat(rendered).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }
}
