package dev.streamstorm.scenario;

/**
 * What a template needs when it is rendered. Implemented by the engine per virtual user; confined
 * to that user's event loop.
 */
public interface TemplateContext {

  /** The value of a named variable; the loader has checked that the name can exist. */
  String variable(String name);

  /** The value of an environment variable; the loader has checked that it is set. */
  String env(String name);

  String uuid();

  long randomInt(long min, long max);
}
