package dev.streamstorm.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamstorm.scenario.HistoryFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The messages of one conversation so far, as chat APIs take them: turn N carries turns 1..N-1 and
 * their replies. Confined to the user's event loop.
 */
final class History {
  /** One message; its token count is taken once, when first needed. */
  private static final class Entry {
    final String role;
    final String content;
    int tokens = -1;

    Entry(String role, String content) {
      this.role = role;
      this.content = content;
    }
  }

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

  /** Tokens of every message so far, each counted once however many turns send it again. */
  long tokens(TokenCounter counter) {
    long n = 0;
    for (Entry e : entries) {
      if (e.tokens < 0) {
        e.tokens = counter.count(e.content);
      }
      n += e.tokens;
    }
    return n;
  }

  /**
   * The conversation so far plus {@code message} (from the user), as the API of {@code shape} takes
   * it.
   */
  ArrayNode toArray(HistoryFormat.Shape shape, String message) {
    ArrayNode arr = JsonNodeFactory.instance.arrayNode(entries.size() + 1);
    for (Entry e : entries) {
      add(arr, shape, e.role, e.content);
    }
    add(arr, shape, "user", message);
    return arr;
  }

  private static void add(ArrayNode arr, HistoryFormat.Shape shape, String role, String content) {
    switch (shape) {
      case CHAT -> arr.addObject().put("role", role).put("content", content);
      case GEMINI ->
          arr.addObject()
              .put("role", role.equals("assistant") ? "model" : role)
              .putArray("parts")
              .addObject()
              .put("text", content);
      case UI -> {
        ObjectNode m = arr.addObject().put("id", "m" + arr.size()).put("role", role);
        m.putArray("parts").addObject().put("type", "text").put("text", content);
      }
    }
  }

  /** Each message so far, oldest first: its role and content. */
  void forEach(BiConsumer<String, String> roleAndContent) {
    for (Entry e : entries) {
      roleAndContent.accept(e.role, e.content);
    }
  }
}
