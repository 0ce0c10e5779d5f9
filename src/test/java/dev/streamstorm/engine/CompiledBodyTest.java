package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamstorm.scenario.HistoryFormat;
import dev.streamstorm.scenario.JsonTemplate;
import dev.streamstorm.scenario.Template;
import dev.streamstorm.scenario.TemplateContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A compiled body writes exactly the bytes of the rendered tree serialized by Jackson (the way
 * bodies were made before), for every kind of JSON value, escapes, non-ASCII text and the chat
 * history; characters beyond the Basic Multilingual Plane (emoji) are plain UTF-8 where Jackson
 * escaped their surrogate pairs: the same JSON.
 */
class CompiledBodyTest {

  /** Quotes, control characters, a backslash, accents, markup. */
  private static final String AWKWARD = "Say \"hi\"\n\t\\ \u0001 caf\u00e9 \u20ac </script>";

  private static final String EMOJI = "\uD83D\uDE00";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z]+)}");

  private final TemplateContext vars =
      new FixedTemplateContext(name -> name.equals("message") ? AWKWARD : name + "-7");

  @Test
  void everyKindOfValueIsWrittenAsJacksonWritesIt() throws Exception {
    String body =
        """
        {"input":[{"role":"user","content":"${message}"}],
         "meta":{"id":"req-${vu}-${iteration}","tags":["a","${turn}",[],{}]},
         "n":null,"f":1.5e10,"big":12345678901234567890,"neg":-0.0,"dec":0.1,"t":false,
         "key \\"quoted\\"\\n":"caf\\u00e9 \\u0001","empty":"","plain":"${ not a placeholder"}
        """;

    assertSameBytes(template(body), false, null);
  }

  @Test
  void aChatBodyGetsTheHistoryAndTheMessageAfterItsOwnFields() throws Exception {
    History history = new History();
    history.user(AWKWARD);
    history.assistant("Hello \"you\"\n\u00e9");

    JsonTemplate openAi =
        template(
            "{\"model\":\"${model}\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"max_tokens\":256,\"temperature\":0.7}");
    assertSameBytes(openAi, true, history);
    assertSameBytes(openAi, true, new History());
    assertSameBytes(template("{}"), true, history);
  }

  @Test
  void anEmojiIsWrittenAsUtf8AndParsesToTheSameText() throws Exception {
    History history = new History();
    history.user("smile " + EMOJI);

    byte[] written =
        CompiledBody.compile(Optional.of(template("{\"model\":\"m\"}")), CHAT)
            .orElseThrow()
            .render(vars, history, EMOJI)
            .getBytes();

    assertThat(new String(written, StandardCharsets.UTF_8))
        .contains("\"content\":\"smile " + EMOJI + "\"");
    assertThat(JsonRenderer.MAPPER.readTree(written).at("/messages/1/content").textValue())
        .isEqualTo(EMOJI);
  }

  @Test
  void aChatWithoutABodySendsOnlyItsMessages() {
    History history = new History();
    history.user("one");
    history.assistant("two");

    String written =
        CompiledBody.compile(Optional.empty(), CHAT)
            .orElseThrow()
            .render(vars, history, "three")
            .toString(StandardCharsets.UTF_8);

    assertThat(written)
        .isEqualTo(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"one\"},"
                + "{\"role\":\"assistant\",\"content\":\"two\"},"
                + "{\"role\":\"user\",\"content\":\"three\"}]}");
  }

  @Test
  void aBodyThatIsNotAnObjectGetsNoHistory() throws Exception {
    assertSameBytes(template("[\"${message}\",1,true]"), true, new History());
  }

  @Test
  void aTemplatedKeyLeavesTheBodyToTheTree() throws Exception {
    assertThat(CompiledBody.compile(Optional.of(template("{\"a\":{\"${turn}\":1}}")), null))
        .isEmpty();
  }

  @Test
  void everyHistoryShapeWritesWhatTheTreeWouldUnderItsKey() throws Exception {
    History history = new History();
    history.user("one");
    history.assistant("two");
    for (HistoryFormat.Shape shape : HistoryFormat.Shape.values()) {
      HistoryFormat format = new HistoryFormat("conversation", shape);
      assertSameBytes(template("{\"model\":\"m\"}"), format, history);
      String written =
          CompiledBody.compile(Optional.empty(), format)
              .orElseThrow()
              .render(vars, history, "three")
              .toString(StandardCharsets.UTF_8);
      JsonNode doc = JsonRenderer.MAPPER.readTree(written).get("conversation");
      assertThat(doc).hasSize(3);
    }
    String gemini =
        CompiledBody.compile(
                Optional.empty(), new HistoryFormat("contents", HistoryFormat.Shape.GEMINI))
            .orElseThrow()
            .render(vars, history, "three")
            .toString(StandardCharsets.UTF_8);
    assertThat(gemini)
        .isEqualTo(
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"one\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"text\":\"two\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"three\"}]}]}");
  }

  private static final HistoryFormat CHAT = new HistoryFormat("messages", HistoryFormat.Shape.CHAT);

  private void assertSameBytes(JsonTemplate body, boolean chat, History history) {
    assertSameBytes(body, chat ? CHAT : null, history);
  }

  /** The compiled body's bytes against the tree's, as MessageRequests made them before. */
  private void assertSameBytes(JsonTemplate body, HistoryFormat format, History history) {
    JsonNode tree =
        JsonRenderer.body(
            Optional.of(body), vars, format, format != null ? history : null, AWKWARD);
    String expected = new String(JsonRenderer.bytes(tree), StandardCharsets.UTF_8);

    String written =
        CompiledBody.compile(Optional.of(body), format)
            .orElseThrow()
            .render(vars, history, AWKWARD)
            .toString(StandardCharsets.UTF_8);

    assertThat(written).isEqualTo(expected);
  }

  /** A body whose {@code ${name}} strings (values and keys) are variables, as the loader makes. */
  private static JsonTemplate template(String json) throws Exception {
    JsonNode tree = JsonRenderer.MAPPER.readTree(json);
    Map<String, Template> templates = new HashMap<>();
    collect(tree, templates);
    return new JsonTemplate(tree, templates);
  }

  private static void collect(JsonNode node, Map<String, Template> out) {
    if (node.isTextual()) {
      parse(node.textValue()).ifPresent(t -> out.put(t.source(), t));
    }
    node.fieldNames().forEachRemaining(k -> parse(k).ifPresent(t -> out.put(k, t)));
    node.elements().forEachRemaining(child -> collect(child, out));
  }

  private static Optional<Template> parse(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    List<Template.Part> parts = new ArrayList<>();
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        parts.add(new Template.Literal(text.substring(at, m.start())));
      }
      parts.add(new Template.Variable(m.group(1)));
      at = m.end();
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    if (at < text.length()) {
      parts.add(new Template.Literal(text.substring(at)));
    }
    return Optional.of(new Template(text, parts));
  }
}
