package dev.streamstorm.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamstorm.scenario.Node.Entry;
import dev.streamstorm.scenario.Node.ListNode;
import dev.streamstorm.scenario.Node.MapNode;
import dev.streamstorm.scenario.Node.ScalarNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses the templates of one scenario file, turning template errors into scenario errors at the
 * exact column of the faulty placeholder.
 */
final class Templates {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final NodeReader values;
  private final Function<String, String> env;

  Templates(NodeReader values, Function<String, String> env) {
    this.values = values;
    this.env = env;
  }

  /** A template written as a value in the file. */
  Template parse(String path, Node node, TemplateScope scope) {
    return parse(path, values.text(path, node), node.pos(), scope);
  }

  /** A template whose text was written at {@code pos} (a value or a key). */
  Template parse(String path, String text, Pos pos, TemplateScope scope) {
    try {
      return TemplateParser.parse(text, scope, name -> env.apply(name) != null);
    } catch (TemplateParser.SyntaxException e) {
      Pos at = values.source().within(pos, text, e.offset());
      throw values.source().error(at, path + ": " + e.getMessage());
    }
  }

  /** A template given on the command line: errors name the flag. */
  Template parseFlag(String flag, String text, TemplateScope scope) {
    try {
      return TemplateParser.parse(text, scope, name -> env.apply(name) != null);
    } catch (TemplateParser.SyntaxException e) {
      throw new ScenarioException(flag + ": " + e.getMessage());
    }
  }

  /** A JSON body written in the file (as YAML or JSON); every string and key may be a template. */
  JsonTemplate json(String path, Node node, TemplateScope scope) {
    Map<String, Template> templates = new LinkedHashMap<>();
    JsonNode tree = toJson(path, node, scope, templates);
    return new JsonTemplate(tree, Map.copyOf(templates));
  }

  /** A JSON body from the preset defaults (constant, so it cannot fail). */
  JsonTemplate json(JsonNode tree, TemplateScope scope) {
    Map<String, Template> templates = new LinkedHashMap<>();
    collect(tree, scope, templates);
    return new JsonTemplate(tree.deepCopy(), Map.copyOf(templates));
  }

  private JsonNode toJson(String path, Node node, TemplateScope scope, Map<String, Template> out) {
    if (node instanceof MapNode m) {
      ObjectNode obj = JSON.objectNode();
      for (Entry e : m.entries().values()) {
        String childPath = path + "." + e.key();
        remember(parse(childPath, e.key(), e.keyPos(), scope), out);
        obj.set(e.key(), toJson(childPath, e.value(), scope, out));
      }
      return obj;
    }
    if (node instanceof ListNode l) {
      ArrayNode arr = JSON.arrayNode();
      for (int i = 0; i < l.items().size(); i++) {
        arr.add(toJson(path + "[" + i + "]", l.items().get(i), scope, out));
      }
      return arr;
    }
    ScalarNode s = (ScalarNode) node;
    return switch (s.type()) {
      case STRING -> {
        remember(parse(path, s.text(), s.pos(), scope), out);
        yield JSON.textNode(s.text());
      }
      case INTEGER -> JSON.numberNode(new BigInteger(s.number().toString()));
      case DECIMAL -> JSON.numberNode(new BigDecimal(s.number().toString()));
      case BOOLEAN -> JSON.booleanNode(s.truth());
      case NULL -> JSON.nullNode();
    };
  }

  private void collect(JsonNode node, TemplateScope scope, Map<String, Template> out) {
    if (node.isTextual()) {
      remember(TemplateParser.parse(node.textValue(), scope, name -> true), out);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      remember(TemplateParser.parse(f.getKey(), scope, name -> true), out);
      collect(f.getValue(), scope, out);
    }
    if (node.isArray()) {
      node.forEach(child -> collect(child, scope, out));
    }
  }

  /** Keeps only strings whose rendering can differ from the text as written. */
  private static void remember(Template t, Map<String, Template> out) {
    boolean asWritten =
        t.parts().size() == 1
            && t.parts().get(0) instanceof Template.Literal l
            && l.text().equals(t.source());
    if (!asWritten) {
      out.put(t.source(), t);
    }
  }
}
