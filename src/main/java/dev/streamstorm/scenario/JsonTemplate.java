package dev.streamstorm.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A JSON body whose string values (and object keys) may hold placeholders. The tree is immutable
 * after loading; {@code templates} maps each templated string as written to its parsed form.
 *
 * @param tree the body as written (a Jackson tree; never mutated)
 * @param templates the parsed template of every string in the tree that has a placeholder
 */
public record JsonTemplate(JsonNode tree, Map<String, Template> templates) {}
