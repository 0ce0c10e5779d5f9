package dev.streamstorm.scenario;

import dev.streamstorm.scenario.Node.MapNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Loads a scenario from a YAML or JSON file, or from flags alone, and validates all of it before
 * any traffic: every problem is a {@link ScenarioException} naming file:line:column and what was
 * expected there. Flags override the file.
 */
public final class ScenarioLoader {
  private final Function<String, String> env;

  /**
   * @param env looks up environment variables ({@code System::getenv} in production), so that an
   *     unset {@code ${env:X}} fails at load time
   */
  /**
   * The largest scenario file: far past any real one (data belongs in a {@code data:} file), and
   * short of what makes loading slow (a 50 MB string took minutes).
   */
  public static final int MAX_SCENARIO_BYTES = 4 << 20;

  public ScenarioLoader(Function<String, String> env) {
    this.env = env;
  }

  /**
   * Loads {@code file}: YAML for .yaml/.yml, JSON for .json, otherwise by its first character.
   * Relative paths inside (data files) resolve against the file's folder.
   */
  public Scenario load(Path file, ScenarioOverrides overrides) {
    String label = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new ScenarioException("scenario file not found: " + label);
    }
    String text;
    try {
      if (Files.size(file) > MAX_SCENARIO_BYTES) {
        throw new ScenarioException(
            label
                + ": "
                + Files.size(file)
                + " bytes; a scenario file is at most "
                + Sizes.describe(MAX_SCENARIO_BYTES)
                + " (rows of prompts belong in a data: file)");
      }
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ScenarioException(label + ": not UTF-8 text");
    } catch (IOException e) {
      throw new ScenarioException("cannot read scenario file " + label + ": " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Path dir = file.toAbsolutePath().getParent();
    Source source = new Source(label, text, dir);
    MapNode root = TreeParser.parse(source, text, isJson(file, text));
    return new ScenarioBuilder(source, root, overrides, env, baseName(file)).build();
  }

  /**
   * Loads scenario text that was read on another machine, exactly as {@link #load} loads the file
   * there: a distributed run's coordinator sends its agents the file's text. {@code fileName} (the
   * coordinator's path) decides YAML or JSON and names the file in messages; {@code dataCopy}, when
   * not null, is read instead of the data file the scenario names (the rows the agent was sent, as
   * a .jsonl or .csv file).
   */
  public Scenario loadReceived(
      String fileName, String text, Path dataCopy, ScenarioOverrides overrides) {
    Path name = Path.of(fileName);
    if (text.length() > MAX_SCENARIO_BYTES) {
      throw new ScenarioException(
          fileName + ": a scenario is at most " + Sizes.describe(MAX_SCENARIO_BYTES));
    }
    Path dir = name.toAbsolutePath().getParent();
    Source source = new Source(fileName, text, dir, dataCopy);
    MapNode root = TreeParser.parse(source, text, isJson(name, text));
    return new ScenarioBuilder(source, root, overrides, env, baseName(name)).build();
  }

  /** A run with no file: {@code --target} is required, everything else has a default. */
  public Scenario fromFlags(ScenarioOverrides overrides) {
    Source none = Source.none();
    return new ScenarioBuilder(none, MapNode.empty(new Pos(0, 0)), overrides, env, "streamstorm")
        .build();
  }

  private static boolean isJson(Path file, String text) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return true;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return false;
    }
    String start = text.stripLeading();
    return start.startsWith("{");
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
