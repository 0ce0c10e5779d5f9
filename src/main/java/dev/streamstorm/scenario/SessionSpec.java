package dev.streamstorm.scenario;

import java.util.List;
import java.util.Map;

/**
 * Once per virtual user, before its first message: one or more plain request/response calls, in
 * order, whose answers provide variables for later templates (for example {@code session_id}). A
 * step's request can use the variables the steps before it extracted.
 *
 * @param steps the calls, in order; never empty
 */
public record SessionSpec(List<Step> steps) {

  public SessionSpec {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a session has at least one step");
    }
  }

  /**
   * One call.
   *
   * @param request the call to make
   * @param extract variable name to where its value is: a JSON Pointer into the JSON answer (or
   *     into the first event of an SSE answer that has it), or a response header
   */
  public record Step(RequestSpec request, Map<String, Location> extract) {}

  /** A session of one call (the common case). */
  public static SessionSpec of(RequestSpec request, Map<String, Location> extract) {
    return new SessionSpec(List.of(new Step(request, extract)));
  }
}
