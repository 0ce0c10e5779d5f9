package dev.streamstorm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.streamstorm.scenario.HistoryFormat;
import dev.streamstorm.scenario.JsonTemplate;
import dev.streamstorm.scenario.Template;
import dev.streamstorm.scenario.TemplateContext;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** Renders JSON templates: a copy of the tree with every templated string (and key) filled in. */
final class JsonRenderer {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonRenderer() {}

  static JsonNode render(JsonTemplate template, TemplateContext ctx) {
    return render(template.tree(), template.templates(), ctx);
  }

  private static JsonNode render(
      JsonNode node, Map<String, Template> templates, TemplateContext ctx) {
    if (node.isTextual()) {
      Template t = templates.get(node.textValue());
      return t == null ? node : TextNode.valueOf(t.render(ctx));
    }
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        Template key = templates.get(f.getKey());
        out.set(key == null ? f.getKey() : key.render(ctx), render(f.getValue(), templates, ctx));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode(node.size());
      for (JsonNode item : node) {
        out.add(render(item, templates, ctx));
      }
      return out;
    }
    return node;
  }

  /**
   * A message body as a tree: {@code body} rendered (an empty object when absent), and with {@code
   * history} its history key set to the conversation so far plus {@code message}, in {@code
   * format}'s shape.
   */
  static JsonNode body(
      Optional<JsonTemplate> body,
      TemplateContext ctx,
      HistoryFormat format,
      History history,
      String message) {
    JsonNode json = body.map(b -> render(b, ctx)).orElseGet(MAPPER::createObjectNode);
    if (history != null && format != null && json instanceof ObjectNode obj) {
      obj.set(format.key(), history.toArray(format.shape(), message));
    }
    return json;
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }
}
