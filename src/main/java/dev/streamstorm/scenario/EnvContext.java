package dev.streamstorm.scenario;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Renders templates that name no variables, only {@code ${env:NAME}} (and {@code ${uuid}}, {@code
 * ${random:MIN:MAX}}): settings read once per run, such as a proxy's credentials or a trust store's
 * password.
 */
public record EnvContext(Function<String, String> env) implements TemplateContext {

  @Override
  public String variable(String name) {
    throw new IllegalStateException("no variable '" + name + "' here");
  }

  @Override
  public String env(String name) {
    String v = env.apply(name);
    return v == null ? "" : v;
  }

  @Override
  public String uuid() {
    return UUID.randomUUID().toString();
  }

  @Override
  public long randomInt(long min, long max) {
    return ThreadLocalRandom.current().nextLong(min, max + 1);
  }
}
