package dev.streamstorm.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

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
    forEach((role, content) -> arr.addObject().put("role", role).put("content", content));
    return arr;
  }

  /** Each message so far, oldest first: its role and content. */
  void forEach(BiConsumer<String, String> roleAndContent) {
    for (Entry e : entries) {
      roleAndContent.accept(e.role(), e.content());
    }
  }
}
