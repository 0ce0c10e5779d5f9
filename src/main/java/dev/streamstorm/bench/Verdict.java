package dev.streamstorm.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The answer to "can this box generate the load I need?": the most concurrent streams at which the
 * generator stayed accurate, and every smaller step did too (one lucky step above a failing one
 * does not count).
 *
 * @param maxAccurateStreams the highest accurate step (0 when even the first was not)
 * @param lagBoundMs the event-loop lag p99 allowed
 * @param errorBoundMs the first-token error p99 allowed
 * @param limit why the next step was not accurate, or null when every step was
 * @param passedAbove steps above the first inaccurate one that were accurate (not counted, but
 *     worth knowing: a light step can miss on a hiccup that a busier one does not meet)
 */
public record Verdict(
    int maxAccurateStreams,
    double lagBoundMs,
    double errorBoundMs,
    String limit,
    List<Integer> passedAbove) {

  /** Judges streamstorm's calibration steps. */
  public static Verdict of(List<StepResult> steps, double lagBoundMs, double errorBoundMs) {
    List<StepResult> ordered =
        steps.stream().sorted(Comparator.comparingInt(s -> s.workload().streams())).toList();
    int accurate = 0;
    for (int i = 0; i < ordered.size(); i++) {
      StepResult s = ordered.get(i);
      String problem = problem(s, lagBoundMs, errorBoundMs);
      if (problem != null) {
        List<Integer> passedAbove =
            ordered.subList(i + 1, ordered.size()).stream()
                .filter(above -> problem(above, lagBoundMs, errorBoundMs) == null)
                .map(above -> above.workload().streams())
                .toList();
        return new Verdict(
            accurate,
            lagBoundMs,
            errorBoundMs,
            String.format(Locale.ROOT, "at %,d streams %s", s.workload().streams(), problem),
            passedAbove);
      }
      accurate = s.workload().streams();
    }
    return new Verdict(accurate, lagBoundMs, errorBoundMs, null, List.of());
  }

  /** What made a step inaccurate, or null when it was accurate. */
  static String problem(StepResult s, double lagBoundMs, double errorBoundMs) {
    if (s.messagesFailed() > 0) {
      return String.format(Locale.ROOT, "%,d messages failed", s.messagesFailed());
    }
    if (s.lag() == null || s.lag().samples() == 0) {
      return "no event-loop lag was measured";
    }
    if (!(s.lag().p99Ms() <= lagBoundMs)) {
      return String.format(
          Locale.ROOT, "event-loop lag p99 was %.2f ms > %s ms", s.lag().p99Ms(), num(lagBoundMs));
    }
    if (s.ttftError() == null || s.ttftError().matched() == 0) {
      return "no message could be matched with the server's records";
    }
    if (!(s.ttftError().p99Ms() <= errorBoundMs)) {
      return String.format(
          Locale.ROOT,
          "first-token error p99 was %.3f ms > %s ms",
          s.ttftError().p99Ms(),
          num(errorBoundMs));
    }
    return null;
  }

  /** One sentence for the console. */
  public String sentence() {
    String bounds =
        String.format(
            Locale.ROOT,
            "event-loop lag p99 <= %s ms and first-token error p99 <= %s ms",
            num(lagBoundMs),
            num(errorBoundMs));
    String head =
        maxAccurateStreams == 0
            ? "this machine cannot drive even the first step accurately (" + bounds + ")"
            : String.format(
                Locale.ROOT,
                "this machine can drive %,d streams accurately (%s)",
                maxAccurateStreams,
                bounds);
    if (limit == null) {
      return head + "; every step passed";
    }
    if (passedAbove.isEmpty()) {
      return head + "; " + limit;
    }
    return head
        + "; "
        + limit
        + " (above it "
        + passedAbove.stream()
            .map(n -> String.format(Locale.ROOT, "%,d", n))
            .collect(Collectors.joining(", "))
        + " passed: not counted, since every step up to the answer must pass; re-run to tell a"
        + " hiccup from a limit)";
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
