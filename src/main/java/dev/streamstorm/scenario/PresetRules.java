package dev.streamstorm.scenario;

import java.util.Optional;

/** A preset's stream rules as a spec of their own, for tools and tests that need no scenario. */
public final class PresetRules {
  private PresetRules() {}

  /**
   * The spec a scenario with {@code preset} and no {@code stream:} key gets.
   *
   * @throws ScenarioException when the preset has no token rule of its own (generic)
   */
  public static StreamSpec stream(Preset preset) {
    Source source = Source.none();
    NodeReader values = new NodeReader(source);
    return new StreamReader(values, new Templates(values, name -> null), TemplateScope.NONE)
        .read(
            Optional.empty(),
            PresetDefaults.stream(preset),
            preset.protocol(),
            key ->
                new ScenarioException("preset " + preset.id() + " has no " + key + " of its own"));
  }

  /** The preset's file as shipped (YAML, the scenario language). */
  public static String text(Preset preset) {
    return PresetDefaults.text(preset);
  }
}
