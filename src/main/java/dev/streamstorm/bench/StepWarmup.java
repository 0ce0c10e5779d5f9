package dev.streamstorm.bench;

/**
 * How long a step runs after its ramp before its window opens: the time given, or, unless given,
 * for the cost run 15 s and for a paced step (calibrate, scale) long enough for about {@value
 * #MESSAGES} messages, between 15 and 60 s.
 *
 * <p>Why messages and not seconds: each step starts a new client, and closing the previous one
 * takes branches the compiled per-message code never saw, so the JIT throws that code away. The new
 * client needs a few thousand messages before it is compiled again. At 1,000 paced streams (100
 * messages/s) a fixed 15 s left the recompilation inside the window, and first tokens late by over
 * a millisecond with it (docs/performance.md, "The step warm-up adapts to the message rate").
 */
public final class StepWarmup {

  /** Messages a paced step's warm-up should see, unless its time is given. */
  static final int MESSAGES = 6_000;

  static final double MIN_SECONDS = 15;
  static final double MAX_SECONDS = 60;

  /** Given seconds, or NaN to adapt. */
  private final double givenSeconds;

  private StepWarmup(double givenSeconds) {
    this.givenSeconds = givenSeconds;
  }

  /** Every step warms up this long (a paced step at least one message long). */
  public static StepWarmup fixed(double seconds) {
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException("warm-up seconds must be 0 or more: " + seconds);
    }
    return new StepWarmup(seconds);
  }

  /** The default: a length fitted to each step's message rate. */
  public static StepWarmup adaptive() {
    return new StepWarmup(Double.NaN);
  }

  private boolean isGiven() {
    return !Double.isNaN(givenSeconds);
  }

  /** The cost run's warm-up: it sends about 900 messages/s per 1,000 streams, 15 s is plenty. */
  public double costSeconds() {
    return isGiven() ? givenSeconds : MIN_SECONDS;
  }

  /** A paced step's warm-up: at least one message long, so that every stream has cycled once. */
  public double pacedSeconds(Workload w) {
    double seconds =
        isGiven()
            ? givenSeconds
            : Math.min(
                MAX_SECONDS,
                Math.max(MIN_SECONDS, Math.ceil(MESSAGES * w.messageSeconds() / w.streams())));
    return Math.max(seconds, Math.ceil(w.messageSeconds()));
  }
}
