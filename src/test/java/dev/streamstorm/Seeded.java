package dev.streamstorm;

import java.util.Random;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Gives a test method a {@link Random} with a fresh seed on every run, prints the seed, and names
 * it in the failure of any test that fails with it, so that the failure can be replayed: {@code mvn
 * -B -q test -Dtest=PlanSplitterTest -Dstreamstorm.seed=N} runs every seeded test with seed N.
 *
 * <pre>{@code
 * @ExtendWith(Seeded.class)
 * class SomeTest {
 *   @RepeatedTest(20)
 *   void holdsForAnyInput(Random random) { ... }
 * }
 * }</pre>
 */
public final class Seeded implements ParameterResolver, TestExecutionExceptionHandler {

  /** The system property that fixes the seed instead of drawing one. */
  public static final String PROPERTY = "streamstorm.seed";

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(Seeded.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Random.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    long seed = seed();
    context.getStore(NS).put("seed", seed);
    System.out.println(
        context.getDisplayName()
            + " in "
            + context.getRequiredTestClass().getSimpleName()
            + ": "
            + replay(seed));
    return new Random(seed);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    Long seed = context.getStore(NS).get("seed", Long.class);
    if (seed != null) {
      thrown.addSuppressed(new AssertionError("failed with " + replay(seed)));
    }
    throw thrown;
  }

  private static long seed() {
    String given = System.getProperty(PROPERTY);
    if (given != null && !given.isBlank()) {
      return Long.parseLong(given.strip());
    }
    return new Random().nextLong();
  }

  private static String replay(long seed) {
    return "seed " + seed + " (replay: -D" + PROPERTY + "=" + seed + ")";
  }
}
