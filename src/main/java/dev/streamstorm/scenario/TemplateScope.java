package dev.streamstorm.scenario;

import java.util.Set;
import java.util.TreeSet;

/**
 * The variables a template may name where it is written. {@code uuid}, {@code random:MIN:MAX} and
 * {@code env:NAME} are allowed everywhere.
 *
 * @param names variables available here
 * @param allNames every variable the scenario defines anywhere (to tell "unknown" from "not here")
 * @param whyNotOthers why a variable of {@code allNames} outside {@code names} is not available
 *     here
 */
record TemplateScope(Set<String> names, Set<String> allNames, String whyNotOthers) {

  /** Per-message variables that exist in every scenario. */
  static final Set<String> MESSAGE_VARIABLES =
      Set.of("message", "vu", "iteration", "conversation", "turn");

  /** Names a session variable or data column may not take: the built-ins and functions. */
  static final Set<String> RESERVED =
      Set.of("message", "vu", "iteration", "conversation", "turn", "uuid", "random", "env");

  /** No variables at all. */
  static final TemplateScope NONE = new TemplateScope(Set.of(), Set.of(), "");

  /** For messages: what is listed, sorted, in an error. */
  String describe() {
    TreeSet<String> sorted = new TreeSet<>(names);
    return String.join(", ", sorted)
        + (sorted.isEmpty() ? "" : ", ")
        + "uuid, random:MIN:MAX, env:NAME";
  }
}
