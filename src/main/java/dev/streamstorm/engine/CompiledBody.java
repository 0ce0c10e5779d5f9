package dev.streamstorm.engine;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamstorm.scenario.HistoryFormat;
import dev.streamstorm.scenario.JsonTemplate;
import dev.streamstorm.scenario.Template;
import dev.streamstorm.scenario.TemplateContext;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON body template compiled once into the bytes Jackson would write for it, with only its
 * templated strings (and a chat's {@code messages}) encoded per message: the same bytes as
 * rendering the tree and serializing it ({@link JsonRenderer}), without building a tree and a
 * generator for every message on the event loop, except that characters beyond the Basic
 * Multilingual Plane (emoji) are written as UTF-8 where Jackson escapes their surrogate pairs: the
 * same JSON. Immutable; shared by every user.
 */
final class CompiledBody {

  private static final JsonStringEncoder ESCAPES = JsonStringEncoder.getInstance();
  private static final byte[] ROLE = ascii("{\"role\":");
  private static final byte[] CONTENT = ascii(",\"content\":");

  /** One piece of the body, in order. */
  private sealed interface Segment permits Literal, Text, Messages {}

  /** Bytes that never change. */
  private record Literal(byte[] bytes) implements Segment {}

  /** A templated string, written quoted and escaped. */
  private record Text(Template template) implements Segment {}

  /** The chat so far and the message ({@link History}), in the history's shape. */
  private record Messages(HistoryFormat.Shape shape) implements Segment {}

  private final List<Segment> segments;
  private final int sizeHint;

  private CompiledBody(List<Segment> segments) {
    this.segments = List.copyOf(segments);
    this.sizeHint =
        segments.stream().mapToInt(s -> s instanceof Literal l ? l.bytes().length : 32).sum();
  }

  /**
   * Compiles {@code body} (an empty object when absent); with {@code chat}, a {@code messages}
   * array is appended to the top-level object as {@link MessageRequests} does for chat presets.
   * Empty when the body has a templated object key (two keys could render alike, and the tree keeps
   * only the last): those bodies are rendered as trees.
   */
  static Optional<CompiledBody> compile(Optional<JsonTemplate> body, HistoryFormat history) {
    if (body.isEmpty()) {
      return Optional.of(
          new CompiledBody(
              history != null
                  ? List.of(
                      new Literal(key("{", history.key())),
                      new Messages(history.shape()),
                      literal("}"))
                  : List.of(literal("{}"))));
    }
    JsonTemplate t = body.get();
    if (hasTemplatedKey(t.tree(), t.templates())) {
      return Optional.empty();
    }
    Builder b = new Builder(t.templates());
    b.value(t.tree(), t.tree().isObject() ? history : null);
    return Optional.of(new CompiledBody(b.segments()));
  }

  /** {@code prefix} then {@code "key":}. */
  private static byte[] key(String prefix, String key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
    out.write('"');
    out.writeBytes(ESCAPES.quoteAsUTF8(key));
    out.write('"');
    out.write(':');
    return out.toByteArray();
  }

  /** The body for one message; {@code history} only for a chat body. */
  Buffer render(TemplateContext vars, History history, String message) {
    Buffer out = Buffer.buffer(sizeHint);
    for (Segment s : segments) {
      if (s instanceof Literal l) {
        out.appendBytes(l.bytes());
      } else if (s instanceof Text t) {
        quoted(out, t.template().render(vars));
      } else {
        messages(out, ((Messages) s).shape(), history, message);
      }
    }
    return out;
  }

  private static void messages(
      Buffer out, HistoryFormat.Shape shape, History history, String message) {
    if (shape != HistoryFormat.Shape.CHAT) {
      // Rarer shapes are written through a tree: the byte path is kept for the common one.
      out.appendBytes(JsonRenderer.bytes(history.toArray(shape, message)));
      return;
    }
    out.appendByte((byte) '[');
    history.forEach(
        (role, content) -> {
          chatMessage(out, role, content);
          out.appendByte((byte) ',');
        });
    chatMessage(out, "user", message);
    out.appendByte((byte) ']');
  }

  private static void chatMessage(Buffer out, String role, String content) {
    out.appendBytes(ROLE);
    quoted(out, role);
    out.appendBytes(CONTENT);
    quoted(out, content);
    out.appendByte((byte) '}');
  }

  private static void quoted(Buffer out, String text) {
    out.appendByte((byte) '"');
    out.appendBytes(ESCAPES.quoteAsUTF8(text));
    out.appendByte((byte) '"');
  }

  private static boolean hasTemplatedKey(JsonNode node, Map<String, Template> templates) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (templates.containsKey(f.getKey()) || hasTemplatedKey(f.getValue(), templates)) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (hasTemplatedKey(item, templates)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Literal literal(String text) {
    return new Literal(ascii(text));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Walks the tree as Jackson writes it (compact), merging constant bytes into one literal. */
  private static final class Builder {
    private final Map<String, Template> templates;
    private final List<Segment> segments = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Builder(Map<String, Template> templates) {
      this.templates = templates;
    }

    void value(JsonNode node, HistoryFormat appendHistory) {
      if (node.isTextual() && templates.containsKey(node.textValue())) {
        flush();
        segments.add(new Text(templates.get(node.textValue())));
      } else if (node.isObject()) {
        object(node, appendHistory);
      } else if (node.isArray()) {
        write('[');
        boolean first = true;
        for (JsonNode item : node) {
          if (!first) {
            write(',');
          }
          first = false;
          value(item, null);
        }
        write(']');
      } else {
        pending.writeBytes(JsonRenderer.bytes(node));
      }
    }

    private void object(JsonNode node, HistoryFormat appendHistory) {
      write('{');
      boolean first = true;
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (!first) {
          write(',');
        }
        first = false;
        pending.write('"');
        pending.writeBytes(ESCAPES.quoteAsUTF8(f.getKey()));
        pending.write('"');
        write(':');
        value(f.getValue(), null);
      }
      if (appendHistory != null) {
        pending.writeBytes(key(first ? "" : ",", appendHistory.key()));
        flush();
        segments.add(new Messages(appendHistory.shape()));
      }
      write('}');
    }

    private void write(char c) {
      pending.write(c);
    }

    private void flush() {
      if (pending.size() > 0) {
        segments.add(new Literal(pending.toByteArray()));
        pending.reset();
      }
    }

    List<Segment> segments() {
      flush();
      return segments;
    }
  }
}
