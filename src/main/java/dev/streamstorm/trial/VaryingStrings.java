package dev.streamstorm.trial;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the text of a stream probably is: the JSON paths whose strings change most from event to
 * event. Answer text differs in nearly every chunk; ids, model names and types repeat.
 */
final class VaryingStrings {
  /** Paths proposed. */
  private static final int PROPOSED = 3;

  /** A JSON tree is walked this deep for its strings; answer text sits a few levels down. */
  private static final int MAX_DEPTH = 12;

  /** Values remembered per path; more than this many is "many" anyway. */
  private static final int MAX_VALUES = 1_000;

  private VaryingStrings() {}

  /**
   * A path and how its strings varied.
   *
   * @param pointer where (a JSON Pointer)
   * @param events events that had a non-empty string there
   * @param values different strings seen there (at most {@link #MAX_VALUES})
   */
  record Found(String pointer, int events, int values) {

    /** "/choices/0/delta/content (in 55 events, 48 values)". */
    String describe() {
      return pointer
          + " (in "
          + AnswerDiagnosis.count(events, "event")
          + ", "
          + (values >= MAX_VALUES ? "many" : values)
          + " values)";
    }
  }

  /**
   * The paths of the strings that take the most different values across the events (at least two),
   * leaving out {@code exclude} (the rule's own pointers), most varied first.
   */
  static List<Found> of(List<EventData> events, List<String> exclude) {
    Map<String, Set<String>> values = new LinkedHashMap<>();
    Map<String, Integer> seenIn = new LinkedHashMap<>();
    for (EventData e : events) {
      if (e.json() == null) {
        continue;
      }
      Set<String> paths = new HashSet<>();
      strings(e.json(), "", 0, paths, values);
      paths.forEach(p -> seenIn.merge(p, 1, Integer::sum));
    }
    return values.entrySet().stream()
        .filter(v -> v.getValue().size() > 1 && !exclude.contains(v.getKey()))
        .map(v -> new Found(v.getKey(), seenIn.get(v.getKey()), v.getValue().size()))
        .sorted(Comparator.comparingInt(Found::values).reversed())
        .limit(PROPOSED)
        .toList();
  }

  private static void strings(
      JsonNode node, String path, int depth, Set<String> paths, Map<String, Set<String>> values) {
    if (depth > MAX_DEPTH) {
      return;
    }
    if (node.isTextual()) {
      if (!node.textValue().isEmpty()) {
        paths.add(path);
        Set<String> seen = values.computeIfAbsent(path, k -> new HashSet<>());
        if (seen.size() < MAX_VALUES) {
          seen.add(node.textValue());
        }
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String key = f.getKey().replace("~", "~0").replace("/", "~1");
        strings(f.getValue(), path + "/" + key, depth + 1, paths, values);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        strings(node.get(i), path + "/" + i, depth + 1, paths, values);
      }
    }
  }
}
