package dev.streamstorm.engine;

import dev.streamstorm.scenario.TemplateContext;
import java.util.function.UnaryOperator;

/**
 * A template context with fixed answers, for rendering templates outside a user (warming the JIT
 * before a run, benchmarks, tests): variables from {@code variables}, empty environment values, a
 * constant UUID and the lowest random number.
 */
record FixedTemplateContext(UnaryOperator<String> variables) implements TemplateContext {

  /** Every variable is {@code x}. */
  static final FixedTemplateContext PLAIN = new FixedTemplateContext(name -> "x");

  @Override
  public String variable(String name) {
    return variables.apply(name);
  }

  @Override
  public String env(String name) {
    return "";
  }

  @Override
  public String uuid() {
    return "00000000-0000-4000-8000-000000000000";
  }

  @Override
  public long randomInt(long min, long max) {
    return min;
  }
}
