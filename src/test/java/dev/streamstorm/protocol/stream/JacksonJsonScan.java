package dev.streamstorm.protocol.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The reference for {@link JsonScan}: the same targets found by Jackson's own tokenizer (a parser
 * per document, reading the whole of it), the way streamstorm read chunks before its byte scanner.
 * {@code JsonScanDifferentialTest} holds the scanner to this one's verdicts and values.
 */
final class JacksonJsonScan {

  private static final JsonFactory JSON = new JsonFactory();

  private JsonParser parser;
  private final Findings findings = new Findings();
  private PointerTree tree;
  private String[] perMessage = new String[0];
  private char[] text = new char[64];

  Findings findings() {
    return findings;
  }

  String malformedReason() {
    return findings.malformedReason();
  }

  /** Scans with per-message values for STRING expectations that come from templates. */
  boolean scan(PointerTree tree, byte[] data, int offset, int length, String[] perMessage) {
    this.perMessage = perMessage;
    return scan(tree, data, offset, length);
  }

  /**
   * Scans {@code data[offset, offset + length)} as one JSON document. Returns false when it is not
   * valid JSON, with the reason in {@link #malformedReason()}.
   */
  boolean scan(PointerTree tree, byte[] data, int offset, int length) {
    this.tree = tree;
    findings.reset(tree);
    // The non-blocking parser reads UTF-8 only (a blocking parser would guess the encoding from the
    // first bytes); told where the input ends, it reads the document as a whole.
    try (JsonParser p = JSON.createNonBlockingByteArrayParser()) {
      ByteArrayFeeder feeder = (ByteArrayFeeder) p.getNonBlockingInputFeeder();
      // A trailing space changes no verdict, and spares a root-level number the end of the input,
      // where Jackson 2.18's non-blocking parser accepts "1." and misreads "11.1".
      byte[] padded = Arrays.copyOfRange(data, offset, offset + length + 1);
      padded[length] = ' ';
      feeder.feedInput(padded, 0, padded.length);
      feeder.endOfInput();
      parser = p;
      JsonToken token = readToken();
      if (token == null) {
        return findings.malformed("no complete JSON value");
      }
      visit(token, tree.root());
      if (readToken() != null) {
        return findings.malformed("unexpected content after the JSON value");
      }
      return true;
    } catch (JsonProcessingException e) {
      return findings.malformed(
          "invalid JSON: " + Objects.toString(e.getOriginalMessage(), "unreadable"));
    } catch (IOException e) {
      return findings.malformed("invalid JSON: " + Objects.toString(e.getMessage(), "unreadable"));
    } finally {
      parser = null;
    }
  }

  /** Reads the value starting at {@code token}, which sits at {@code node} of the tree. */
  private void visit(JsonToken token, PointerTree.Node node) throws IOException {
    if (!token.isScalarValue()) {
      presence(node);
    }
    if (token.isScalarValue()) {
      int[] targets = node.targets();
      for (int target : targets) {
        record(target, token);
      }
    } else if (token == JsonToken.START_OBJECT) {
      if (!node.hasFields()) {
        skipChildren();
        return;
      }
      while (nextToken() == JsonToken.FIELD_NAME) {
        PointerTree.Node child = node.field(parser.currentName());
        JsonToken value = nextToken();
        if (child != null) {
          visit(value, child);
        } else if (value.isStructStart()) {
          skipChildren();
        }
      }
    } else if (token == JsonToken.START_ARRAY) {
      if (!node.hasElements()) {
        skipChildren();
        return;
      }
      int index = 0;
      JsonToken value;
      while ((value = nextToken()) != JsonToken.END_ARRAY) {
        PointerTree.Node child = node.element(index++);
        if (child != null) {
          visit(value, child);
        } else if (value.isStructStart()) {
          skipChildren();
        }
      }
    }
  }

  /**
   * Skips the object or array just opened. Jackson's own skipChildren would do, but reports the end
   * of a truncated document in terms of non-blocking parsing; this says what is wrong with the
   * data.
   */
  private void skipChildren() throws IOException {
    int depth = 1;
    while (depth > 0) {
      JsonToken token = nextToken();
      if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd()) {
        depth--;
      }
    }
  }

  /**
   * The next token, or null at the end of the input. Told where the input ends, the parser still
   * answers NOT_AVAILABLE now and then (before a token it completes at the end): ask again.
   */
  private JsonToken readToken() throws IOException {
    JsonToken token = parser.nextToken();
    for (int i = 0; token == JsonToken.NOT_AVAILABLE && i < 3; i++) {
      token = parser.nextToken();
    }
    return token;
  }

  private JsonToken nextToken() throws IOException {
    JsonToken token = readToken();
    if (token == null) {
      throw new JsonTruncatedException(parser);
    }
    return token;
  }

  /** A presence rule ({json: /error} without equals) holds for an object or array there too. */
  private void presence(PointerTree.Node node) {
    for (int target : node.targets()) {
      if (tree.kind(target) == PointerTree.Kind.MATCH
          && tree.expectation(target).kind() == PointerTree.ExpectedKind.PRESENT) {
        findings.found[target] = true;
      }
    }
  }

  private void record(int target, JsonToken token) throws IOException {
    if (findings.found[target]) {
      return; // a repeated key: the first occurrence counts
    }
    switch (tree.kind(target)) {
      case TEXT -> recordText(target, token);
      case COUNT -> {
        if (token.isNumeric()) {
          findings.counts[target] = integralValue();
          findings.found[target] = true;
        }
      }
      case NUMBER -> {
        if (token.isNumeric()) {
          findings.numbers[target] = parser.getDoubleValue();
          findings.found[target] = true;
        }
      }
      case MATCH -> {
        PointerTree.Expectation e = tree.expectation(target);
        findings.found[target] =
            switch (e.kind()) {
              case PRESENT -> token != JsonToken.VALUE_NULL;
              case STRING ->
                  token == JsonToken.VALUE_STRING
                      && parser.getText().equals(e.text() != null ? e.text() : slot(e.slot()));
              case NUMBER -> token.isNumeric() && parser.getDoubleValue() == e.number();
              case TRUE -> token == JsonToken.VALUE_TRUE;
              case FALSE -> token == JsonToken.VALUE_FALSE;
              case NULL -> token == JsonToken.VALUE_NULL;
            };
      }
    }
  }

  private String slot(int slot) {
    return slot < perMessage.length && perMessage[slot] != null ? perMessage[slot] : "";
  }

  private void recordText(int target, JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      return;
    }
    int length = parser.getTextLength();
    if (length == 0) {
      return;
    }
    if (text.length < length) {
      text = new char[Math.max(length, text.length * 2)];
    }
    System.arraycopy(parser.getTextCharacters(), parser.getTextOffset(), text, 0, length);
    findings.keepText(target, text, length);
  }

  private long integralValue() throws IOException {
    JsonParser.NumberType type = parser.getNumberType();
    return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
        ? parser.getLongValue()
        : (long) parser.getDoubleValue();
  }

  /** The document ended inside a value. */
  private static final class JsonTruncatedException extends JsonProcessingException {
    private static final long serialVersionUID = 1L;

    JsonTruncatedException(JsonParser parser) {
      super("the data ends inside a value", parser.currentLocation());
    }
  }
}
