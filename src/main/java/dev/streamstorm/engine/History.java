package dev.streamstorm.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of one conversation so far, as chat APIs take them: turn N carries turns 1..N-1 and
 * their replies. Confined to the user's event loop.
 */
final class History {
  private record Entry(String role, String content) {}

  private final List<Entry> entries = new ArrayList<>();

  void user(String content) {
    entries.add(new Entry("user", content));
  }

  void assistant(String content) {
    entries.add(new Entry("assistant", content));
  }

  int size() {
    return entries.size();
  }

  /** The {@code messages} array of an OpenAI or Anthropic request. */
  ArrayNode toMessages() {
    ArrayNode arr = JsonNodeFactory.instance.arrayNode(entries.size());
    for (Entry e : entries) {
      arr.addObject().put("role", e.role()).put("content", e.content());
    }
    return arr;
  }
}
