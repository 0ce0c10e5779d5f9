package dev.streamstorm.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.streamstorm.scenario.Node.Entry;
import dev.streamstorm.scenario.Node.ListNode;
import dev.streamstorm.scenario.Node.MapNode;
import dev.streamstorm.scenario.Node.ScalarNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML or JSON text into a {@link Node} tree with positions, using Jackson's streaming
 * parsers. YAML anchors and aliases are followed; duplicate keys and syntax errors are scenario
 * errors at their position.
 */
final class TreeParser {
  /**
   * Values a scenario may hold once its aliases are expanded. A YAML alias is a reference, cheap to
   * parse, but whatever reads the tree (a request body's template, embeddedServer) walks it
   * expanded: nine aliases of nine aliases are a billion values (the "billion laughs").
   */
  static final long MAX_EXPANDED_VALUES = 100_000;

  /** Nesting deeper than any scenario or request body needs, shallow enough for any stack. */
  static final int MAX_NESTING = 64;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
          .build();

  private static final YAMLFactory YAML = yamlFactory();

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setNestingDepthLimit(MAX_NESTING);
    options.setMaxAliasesForCollections(1_000);
    options.setCodePointLimit(ScenarioLoader.MAX_SCENARIO_BYTES);
    // The builder starts with no YAML parser features, unlike new YAMLFactory(): without this an
    // empty value ("error:") reads as '' where a scenario means null (remove the preset's rule).
    return YAMLFactory.builder()
        .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
        .loaderOptions(options)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
        .build();
  }

  /** Jackson names other positions as "[Source: ...; line: 1, column: 1]". */
  private static final Pattern SOURCE_REF =
      Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]");

  private final Source source;
  private final JsonParser parser;
  private final Map<Object, Node> anchors = new HashMap<>();

  /** How many values each anchored node stands for, expanded. */
  private final Map<Object, Long> anchorWeights = new HashMap<>();

  /** Values read so far, aliases counted at their expanded size. */
  private long expanded;

  private TreeParser(Source source, JsonParser parser) {
    this.source = source;
    this.parser = parser;
  }

  /** Parses a whole file whose top level must be a mapping. */
  static MapNode parse(Source source, String text, boolean json) {
    try (JsonParser p = json ? JSON.createParser(text) : YAML.createParser(text)) {
      return parse(source, p);
    } catch (JsonProcessingException e) {
      throw syntaxError(source, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MapNode parse(Source source, JsonParser p) throws IOException {
    TreeParser tree = new TreeParser(source, p);
    try {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw source.error(
            new Pos(1, 1), "the file is empty; expected scenario keys such as target and load");
      }
      Node root = tree.value(first);
      if (!(root instanceof MapNode map)) {
        throw source.error(
            root.pos(),
            "expected a mapping of scenario keys (target, load, conversations, ...) at the top"
                + " level, got "
                + root.describe());
      }
      if (p.nextToken() != null) {
        throw source.error(tree.pos(), "expected one document, found another after it");
      }
      return map;
    } catch (StreamConstraintsException e) {
      JsonLocation l = p.currentLocation();
      throw source.error(
          new Pos(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr())),
          "nested more than " + MAX_NESTING + " levels deep; a scenario needs far fewer");
    }
  }

  private Node value(JsonToken token) throws IOException {
    Pos pos = pos();
    // YAML anchors (&name) are what Jackson calls object ids.
    Object anchor = parser.getObjectId();
    long before = expanded;
    Node node =
        switch (token) {
          case START_OBJECT -> map(pos);
          case START_ARRAY -> list(pos);
          default -> scalar(token, pos);
        };
    if (anchor != null) {
      anchors.put(anchor, node);
      anchorWeights.put(anchor, expanded - before);
    }
    return node;
  }

  /** Counts {@code values} more, failing at {@code pos} past {@link #MAX_EXPANDED_VALUES}. */
  private void count(long values, Pos pos) {
    expanded += values;
    if (expanded > MAX_EXPANDED_VALUES) {
      throw source.error(
          pos,
          "the scenario holds more than "
              + MAX_EXPANDED_VALUES
              + " values once its aliases are expanded (an alias of aliases of aliases?);"
              + " a scenario that large is a mistake");
    }
  }

  private MapNode map(Pos pos) throws IOException {
    count(1, pos);
    Map<String, Entry> entries = new LinkedHashMap<>();
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Pos keyPos = pos();
      Entry earlier = entries.get(key);
      if (earlier != null) {
        throw source.error(
            keyPos,
            "duplicate key '" + key + "' (first written at line " + earlier.keyPos().line() + ")");
      }
      entries.put(key, new Entry(key, keyPos, value(parser.nextToken())));
    }
    if (t != JsonToken.END_OBJECT) {
      throw source.error(pos(), "expected a key or the end of the mapping");
    }
    return new MapNode(pos, Collections.unmodifiableMap(entries));
  }

  private ListNode list(Pos pos) throws IOException {
    count(1, pos);
    List<Node> items = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw source.error(pos, "unclosed list");
      }
      items.add(value(t));
    }
    return new ListNode(pos, List.copyOf(items));
  }

  private Node scalar(JsonToken token, Pos pos) throws IOException {
    String text = parser.getText();
    if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
      Node target = anchors.get(text);
      if (target == null) {
        throw source.error(pos, "unknown alias '*" + text + "'");
      }
      count(anchorWeights.get(text), pos);
      return target;
    }
    count(1, pos);
    return switch (token) {
      case VALUE_STRING -> new ScalarNode(pos, ScalarNode.Type.STRING, text, null);
      case VALUE_NUMBER_INT ->
          new ScalarNode(pos, ScalarNode.Type.INTEGER, text, parser.getNumberValue());
      case VALUE_NUMBER_FLOAT -> decimal(pos, text);
      case VALUE_TRUE, VALUE_FALSE ->
          new ScalarNode(pos, ScalarNode.Type.BOOLEAN, text, token == JsonToken.VALUE_TRUE);
      case VALUE_NULL -> new ScalarNode(pos, ScalarNode.Type.NULL, "null", null);
      default -> throw source.error(pos, "unexpected " + token);
    };
  }

  /** Exact, so that 1e999 stays a number in a JSON body; YAML's .inf and .nan stay text. */
  private Node decimal(Pos pos, String text) throws IOException {
    try {
      return new ScalarNode(pos, ScalarNode.Type.DECIMAL, text, parser.getDecimalValue());
    } catch (NumberFormatException e) {
      return new ScalarNode(pos, ScalarNode.Type.STRING, text, null);
    }
  }

  private Pos pos() {
    JsonLocation l = parser.currentTokenLocation();
    return new Pos(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private static ScenarioException syntaxError(Source source, JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
      String message = y.getProblem();
      if (y.getContext() != null && y.getContextMark() != null) {
        message +=
            " ("
                + y.getContext()
                + " started at line "
                + (y.getContextMark().getLine() + 1)
                + ", column "
                + (y.getContextMark().getColumn() + 1)
                + ")";
      }
      return source.error(
          new Pos(y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1),
          "invalid YAML: " + message);
    }
    JsonLocation l = e.getLocation();
    Pos pos =
        l == null
            ? new Pos(1, 1)
            : new Pos(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    String message = SOURCE_REF.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
    return source.error(pos, "invalid syntax: " + message);
  }
}
