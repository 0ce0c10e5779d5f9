package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Writes scenario text into a folder and loads it, with a fixed environment. */
final class Fixture {
  final Path dir;
  final Map<String, String> env = new HashMap<>(Map.of("API_KEY", "sk-test"));

  Fixture(Path dir) {
    this.dir = dir;
  }

  ScenarioLoader loader() {
    return new ScenarioLoader(env::get);
  }

  Path write(String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, text, StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Scenario yaml(String text) {
    return yaml(text, ScenarioOverrides.none());
  }

  Scenario yaml(String text, ScenarioOverrides flags) {
    return loader().load(write("s.yaml", text), flags);
  }

  Scenario json(String text) {
    return loader().load(write("s.json", text), ScenarioOverrides.none());
  }

  /** The message of the error loading this YAML gives, which must be a ScenarioException. */
  /** The error message, with this fixture's folder cut so it reads {@code s.yaml:3:8: ...}. */
  String yamlError(String text) {
    return local(error(() -> yaml(text)));
  }

  String yamlError(String text, ScenarioOverrides flags) {
    return local(error(() -> yaml(text, flags)));
  }

  String jsonError(String text) {
    return local(error(() -> json(text)));
  }

  String local(String message) {
    return message.replace(dir + java.io.File.separator, "");
  }

  static String error(Runnable r) {
    String[] message = new String[1];
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(ScenarioException.class, e -> message[0] = e.getMessage());
    return message[0];
  }
}
