package dev.streamstorm.cli;

import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The scenario file and the flags that say where messages go, in which wire format and what they
 * say: shared by {@code run} and {@code try}. The load flags are {@code run}'s alone.
 */
final class ScenarioOptions {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SCENARIO",
      description = "Scenario file (YAML or JSON).")
  Path file;

  @Option(
      names = "--target",
      description = "Target URL, or 'embedded' for an in-process bench-server.")
  String target;

  @Option(
      names = "--preset",
      description =
          "Wire format: openai-chat (the default), openai-responses, anthropic-messages, gemini,"
              + " text, vercel-ai, a2a, generic, websocket-json or openai-realtime.")
  String preset;

  @Option(names = "--protocol", description = "sse or websocket.")
  String protocol;

  @Option(names = "--seed", description = "Seed for every random choice.")
  Long seed;

  @Option(names = "--message", description = "The message of a flag-only run.")
  String message;

  /** The scenario file with {@code overrides}, or a scenario of flags alone when none was given. */
  Scenario load(ScenarioOverrides overrides) {
    ScenarioLoader loader = new ScenarioLoader(System::getenv);
    return file == null ? loader.fromFlags(overrides) : loader.load(file, overrides);
  }

  /** These flags alone as overrides: every load flag empty, no thresholds. */
  ScenarioOverrides overrides() {
    return ScenarioOverrides.of(
        Optional.ofNullable(target),
        Optional.ofNullable(preset),
        Optional.ofNullable(protocol),
        Optional.ofNullable(seed),
        Optional.ofNullable(message));
  }
}
