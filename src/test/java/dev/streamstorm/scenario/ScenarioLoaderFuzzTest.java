package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any file given to the scenario loader either loads, into a scenario whose stream rules compile,
 * or fails with a {@link ScenarioException} that names the file (and, for what is in it, the line
 * and column): never another exception, which the command line would print as a stack trace with
 * exit 1 instead of exit 2. Two ways in: any bytes, and the shipped scenarios and presets with
 * their lines and values mutated (so that the fuzzer reaches the validation of every section).
 *
 * <p>Input layout of {@link #anyBytesLoadOrSayWhy}: the file, then one byte that picks its name
 * (.yaml, .json, or neither); of {@link #mutatedScenariosLoadOrSayWhy}: choices only.
 */
class ScenarioLoaderFuzzTest {

  private static final String[] NAMES = {"s.yaml", "s.json", "scenario"};

  private static Path dir;
  private static List<String> bases;

  @BeforeAll
  static void setUp() throws IOException {
    dir = Files.createTempDirectory("scenario-fuzz");
    // The data files a mutated scenario may name, so that their columns are checked too.
    Files.writeString(dir.resolve("rows.csv"), "prompt,lang\nhello,en\n");
    Files.writeString(dir.resolve("rows.jsonl"), "{\"prompt\": \"hi\", \"n\": 1}\n");
    bases = ScenarioMutations.bases(Path.of("scenarios"));
  }

  @AfterAll
  static void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @FuzzTest(maxDuration = "10m")
  void anyBytesLoadOrSayWhy(FuzzedDataProvider input) {
    String name = NAMES[input.consumeInt(0, NAMES.length - 1)];
    loadsOrSaysWhy(name, input.consumeRemainingAsBytes());
  }

  @FuzzTest(maxDuration = "10m")
  void mutatedScenariosLoadOrSayWhy(FuzzedDataProvider input) {
    String base = bases.get(input.consumeInt(0, bases.size() - 1));
    String text = new ScenarioMutations(max -> input.consumeInt(0, max)).mutate(base);
    loadsOrSaysWhy("s.yaml", text.getBytes(StandardCharsets.UTF_8));
  }

  /** Loads {@code bytes} as the file {@code name}; a ScenarioException is the only failure. */
  static void loadsOrSaysWhy(String name, byte[] bytes) {
    Path file = dir.resolve(name);
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ScenarioLoader loader = new ScenarioLoader(Map.of("API_KEY", "sk-test", "HOME", "/h")::get);
    Scenario scenario;
    try {
      scenario = loader.load(file, ScenarioOverrides.none());
    } catch (ScenarioException e) {
      String message = e.getMessage();
      assertThat(message).isNotBlank();
      if (e.file() != null) {
        assertThat(e.line()).as(message).isPositive();
        assertThat(e.column()).as(message).isPositive();
        assertThat(message).startsWith(file + ":" + e.line() + ":" + e.column() + ": ");
      } else {
        assertThat(message).as("names the file").contains(file.toString());
      }
      return;
    }
    StreamInterpreter.compile(scenario.stream());
    assertThat(scenario.conversations()).isNotEmpty();
  }
}
