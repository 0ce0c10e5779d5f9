package dev.streamstorm.protocol.stream;

/**
 * Finds the targets of a {@link PointerTree} in one JSON document in a single pass over its bytes,
 * validating the whole document (RFC 8259, as strictly as Jackson's defaults), and holds what it
 * found until the next scan. It walks the structure (objects, arrays, nesting, the tree's nodes
 * along the way) and extracts at the targets; the token grammar (strings, numbers, literals,
 * whitespace) and decoding are {@link JsonLexer}'s, what was found is {@link Findings}'. Owned by
 * one {@link StreamInterpreter} copy, which one event loop owns ({@link
 * StreamInterpreter#forThisLoop()}): reused for every event of that loop, entered with {@link
 * #enter()} around each, which fails loudly when another thread or a callback of the same event
 * reaches it (its buffers would be overwritten mid-event).
 *
 * <p>What it replaces, and the measured reason: Jackson's own way to one value of a chunk is its
 * parser (blocking, or the non-blocking one fed bytes as they arrive) behind a {@code JsonPointer}
 * filter. Jackson tokenizes every value of the chunk (an OpenAI chunk is about 180 bytes and 15
 * values) to reach the one a pointer names, and allocates a parser per document; this scanner
 * decodes only the values a pointer ends at and skips the rest byte by byte, checking their grammar
 * as it goes. JMH ({@code TokenExtractionBenchmark}, one OpenAI content chunk, {@code -f 2 -wi 3 -i
 * 5 -prof gc}, OpenJDK 17, 2 cores at load average 1.1-1.4, 2026-12-07): the whole interpreter with
 * this scanner 324 ± 16 ns and 0 B per chunk ({@code interpretChunk}); Jackson's blocking parser
 * with the pointer filter 399 ± 33 ns and 1,208 B, the non-blocking one 417 ± 29 ns and 1,208 B,
 * reading only the token. The time is 1.2-1.3x; the allocation is what decides it: at 50,000 token
 * events a second Jackson's way makes 60 MB/s of garbage on the event loops. This scanner allocates
 * nothing unless a number it must read has a fraction or an exponent, or a field name on a
 * pointer's path is written with escapes. {@code JsonScanDifferentialTest} and {@code
 * JsonScanFuzzTest} hold it to Jackson's verdicts and values on generated, mutated and fuzzed
 * documents.
 */
final class JsonScan {

  /** Jackson's default nesting limit (StreamReadConstraints), kept for the same verdicts. */
  static final int MAX_DEPTH = 1000;

  /** Jackson's default limit on a number's length, kept for the same verdicts. */
  static final int MAX_NUMBER_DIGITS = JsonLexer.MAX_NUMBER_DIGITS;

  private static final String[] NO_VALUES = new String[0];

  /** The thread that reads with this scanner: the first to enter it. */
  private Thread owner;

  /** Inside an event: a second entry would overwrite what the first is still reading. */
  private boolean scanning;

  private final JsonLexer lexer = new JsonLexer();
  private final Findings findings = new Findings();
  private PointerTree tree;

  /** The per-message values of STRING expectations that come from a template, by slot. */
  private String[] perMessage;

  /** Starts an event's reading, until {@link #exit()}. */
  void enter() {
    Thread t = Thread.currentThread();
    if (owner != t) {
      if (owner != null) {
        throw new IllegalStateException(
            "a StreamInterpreter read on "
                + t.getName()
                + " is owned by "
                + owner.getName()
                + ": each thread takes its own with forThisLoop()");
      }
      owner = t;
    }
    if (scanning) {
      throw new IllegalStateException("a StreamSink fed a StreamInterpreter from its own callback");
    }
    scanning = true;
  }

  void exit() {
    scanning = false;
  }

  /** What the last scan found; valid until the next scan. */
  Findings findings() {
    return findings;
  }

  String malformedReason() {
    return findings.malformedReason();
  }

  /**
   * Scans {@code data[offset, offset + length)} as one JSON document. Returns false when it is not
   * valid JSON, with the reason in {@link #malformedReason()}.
   */
  boolean scan(PointerTree tree, byte[] data, int offset, int length) {
    return scan(tree, data, offset, length, NO_VALUES);
  }

  /**
   * Scans as {@link #scan(PointerTree, byte[], int, int)}, comparing per-message STRING
   * expectations with {@code perMessage} (by slot).
   */
  boolean scan(PointerTree tree, byte[] data, int offset, int length, String[] perMessage) {
    // Stored only when they change (the same tree, and the shared empty values, event after
    // event), as the lexer's document is: see JsonLexer#reset.
    if (this.tree != tree) {
      this.tree = tree;
    }
    if (this.perMessage != perMessage) {
      this.perMessage = perMessage;
    }
    findings.reset(tree);
    lexer.reset(data, offset, length);
    try {
      lexer.skipWhitespace();
      if (lexer.atEnd()) {
        return findings.malformed("no complete JSON value");
      }
      value(tree.root(), 0);
      lexer.skipWhitespace();
      if (!lexer.atEnd()) {
        return findings.malformed("unexpected content after the JSON value");
      }
      return true;
    } catch (JsonLexer.Malformed e) {
      return findings.malformed("invalid JSON: " + e.getMessage());
    }
  }

  /**
   * Reads the value at the lexer's position (not whitespace), which sits at {@code node} of the
   * tree, or outside it when {@code node} is null.
   */
  private void value(PointerTree.Node node, int depth) {
    byte b = lexer.peek();
    switch (b) {
      case '{' -> {
        presence(node);
        object(node == null || !node.hasFields() ? null : node, depth + 1);
      }
      case '[' -> {
        presence(node);
        array(node == null || !node.hasElements() ? null : node, depth + 1);
      }
      case '"' -> {
        lexer.string();
        if (node != null) {
          recordString(node.targets());
        }
      }
      case 't' -> literal(JsonLexer.TRUE, node);
      case 'f' -> literal(JsonLexer.FALSE, node);
      case 'n' -> literal(JsonLexer.NULL, node);
      default -> {
        if (b == '-' || (b >= '0' && b <= '9')) {
          int from = lexer.position();
          lexer.number();
          if (node != null) {
            recordNumber(node.targets(), from);
          }
        } else {
          throw lexer.unexpected("a value");
        }
      }
    }
  }

  private void object(PointerTree.Node node, int depth) {
    checkDepth(depth);
    lexer.advance();
    lexer.skipWhitespace();
    if (lexer.peek() == '}') {
      lexer.advance();
      return;
    }
    while (true) {
      if (lexer.peek() != '"') {
        throw lexer.unexpected("a field name in double quotes");
      }
      lexer.string();
      PointerTree.Node child = node == null ? null : fieldNode(node);
      lexer.skipWhitespace();
      if (lexer.peek() != ':') {
        throw lexer.unexpected("':' after a field name");
      }
      lexer.advance();
      lexer.skipWhitespace();
      value(child, depth);
      lexer.skipWhitespace();
      byte next = lexer.peek();
      lexer.advance();
      if (next == '}') {
        return;
      }
      if (next != ',') {
        lexer.back();
        throw lexer.unexpected("',' or '}'");
      }
      lexer.skipWhitespace();
    }
  }

  private void array(PointerTree.Node node, int depth) {
    checkDepth(depth);
    lexer.advance();
    lexer.skipWhitespace();
    if (lexer.peek() == ']') {
      lexer.advance();
      return;
    }
    int index = 0;
    while (true) {
      value(node == null ? null : node.element(index++), depth);
      lexer.skipWhitespace();
      byte next = lexer.peek();
      lexer.advance();
      if (next == ']') {
        return;
      }
      if (next != ',') {
        lexer.back();
        throw lexer.unexpected("',' or ']'");
      }
      lexer.skipWhitespace();
    }
  }

  /** The child of {@code node} named by the field name just scanned, or null. */
  private PointerTree.Node fieldNode(PointerTree.Node node) {
    if (!lexer.stringEscaped()) {
      return node.field(lexer.bytes(), lexer.stringFrom(), lexer.stringTo());
    }
    int length = lexer.decodeString();
    return node.field(new String(lexer.text(), 0, length));
  }

  private static void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw new JsonLexer.Malformed("nesting deeper than " + MAX_DEPTH + " levels");
    }
  }

  private void literal(byte[] literal, PointerTree.Node node) {
    lexer.literal(literal);
    if (node != null) {
      recordLiteral(node.targets(), literal);
    }
  }

  // ---- raw text ----

  /**
   * Decodes raw event data (not JSON) as UTF-8 into {@link #rawChars()}, replacing each invalid
   * sequence by U+FFFD as the WHATWG decoder does; returns the number of chars.
   */
  int decodeRaw(byte[] data, int offset, int length) {
    return lexer.decodeRaw(data, offset, length);
  }

  /** The chars {@link #decodeRaw} wrote; valid until the next scan or decode. */
  char[] rawChars() {
    return lexer.text();
  }

  // ---- what a pointer found ----

  /** A presence rule ({json: /error} without equals) holds for an object or array there too. */
  private void presence(PointerTree.Node node) {
    if (node == null) {
      return;
    }
    for (int target : node.targets()) {
      if (tree.kind(target) == PointerTree.Kind.MATCH
          && tree.expectation(target).kind() == PointerTree.ExpectedKind.PRESENT) {
        findings.found[target] = true;
      }
    }
  }

  private void recordString(int[] targets) {
    for (int target : targets) {
      if (findings.found[target]) {
        continue; // a repeated key: the first occurrence counts
      }
      switch (tree.kind(target)) {
        case TEXT -> {
          if (!lexer.stringEmpty()) {
            // Decoded first: decoding may replace the text buffer with a larger one.
            int length = lexer.decodeString();
            findings.keepText(target, lexer.text(), length);
          }
        }
        case MATCH -> {
          PointerTree.Expectation e = tree.expectation(target);
          findings.found[target] =
              switch (e.kind()) {
                case PRESENT -> true;
                case STRING ->
                    lexer.stringEquals(e.text() != null ? e.text() : perMessage(e.slot()));
                default -> false;
              };
        }
        default -> {} // a count or number is not a string
      }
    }
  }

  private String perMessage(int slot) {
    return slot < perMessage.length && perMessage[slot] != null ? perMessage[slot] : "";
  }

  private void recordNumber(int[] targets, int from) {
    for (int target : targets) {
      if (findings.found[target]) {
        continue;
      }
      switch (tree.kind(target)) {
        case COUNT -> {
          findings.counts[target] = lexer.integralValue(from);
          findings.found[target] = true;
        }
        case NUMBER -> {
          findings.numbers[target] = lexer.doubleValue(from);
          findings.found[target] = true;
        }
        case MATCH -> {
          PointerTree.Expectation e = tree.expectation(target);
          findings.found[target] =
              e.kind() == PointerTree.ExpectedKind.PRESENT
                  || (e.kind() == PointerTree.ExpectedKind.NUMBER
                      && lexer.doubleValue(from) == e.number());
        }
        default -> {} // only a string is a text
      }
    }
  }

  private void recordLiteral(int[] targets, byte[] literal) {
    for (int target : targets) {
      if (findings.found[target] || tree.kind(target) != PointerTree.Kind.MATCH) {
        continue;
      }
      findings.found[target] =
          switch (tree.expectation(target).kind()) {
            case PRESENT -> literal != JsonLexer.NULL;
            case TRUE -> literal == JsonLexer.TRUE;
            case FALSE -> literal == JsonLexer.FALSE;
            case NULL -> literal == JsonLexer.NULL;
            default -> false;
          };
    }
  }
}
