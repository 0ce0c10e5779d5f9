package dev.streamstorm.engine;

import dev.streamstorm.scenario.TemplateContext;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

/**
 * What one user's templates can see: its number, the conversation, turn and message in progress,
 * its session variables and its current data row. Confined to the user's event loop.
 */
final class UserVariables implements TemplateContext {
  private final int vu;
  private final SplittableRandom random;
  private final Function<String, String> env;
  private final Map<String, String> session = new HashMap<>();
  private Map<String, String> row = Map.of();
  long iteration;
  String conversation = "";
  int turn;
  String message = "";

  UserVariables(int vu, SplittableRandom random, Function<String, String> env) {
    this.vu = vu;
    this.random = random;
    this.env = env;
  }

  void session(String name, String value) {
    session.put(name, value);
  }

  void row(Map<String, String> row) {
    this.row = row;
  }

  @Override
  public String variable(String name) {
    switch (name) {
      case "message":
        return message;
      case "vu":
        return Integer.toString(vu);
      case "iteration":
        return Long.toString(iteration);
      case "conversation":
        return conversation;
      case "turn":
        return Integer.toString(turn);
      default:
        String v = session.get(name);
        if (v == null) {
          v = row.get(name);
        }
        return v == null ? "" : v;
    }
  }

  @Override
  public String env(String name) {
    String v = env.apply(name);
    return v == null ? "" : v;
  }

  /** A version-4 UUID from the user's seeded random source, so runs are reproducible. */
  @Override
  public String uuid() {
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  @Override
  public long randomInt(long min, long max) {
    return min + random.nextLong(max - min + 1);
  }
}
