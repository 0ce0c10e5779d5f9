package dev.streamstorm.protocol.stream;

import java.nio.charset.StandardCharsets;

/**
 * Finds the targets of a {@link PointerTree} in one JSON document in a single pass over its bytes,
 * validating the whole document (RFC 8259, as strictly as Jackson's defaults), and holds what it
 * found until the next scan. Owned by one {@link StreamInterpreter} copy, which one event loop owns
 * ({@link StreamInterpreter#forThisLoop()}): reused for every event of that loop, entered with
 * {@link #enter()} around each, which fails loudly when another thread or a callback of the same
 * event reaches it (its buffers would be overwritten mid-event).
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

  /**
   * Jackson's default limit on a number's length (StreamReadConstraints.maxNumberLength: digits of
   * the integer, fraction and exponent together), kept for the same verdicts; it also spares
   * parsing a number the size of an event.
   */
  static final int MAX_NUMBER_DIGITS = 1000;

  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[] NULL = ascii("null");

  /** The thread that reads with this scanner: the first to enter it. */
  private Thread owner;

  /** Inside an event: a second entry would overwrite what the first is still reading. */
  private boolean scanning;

  private final Findings findings = new Findings();
  private PointerTree tree;

  /** The per-message values of STRING expectations that come from a template, by slot. */
  private String[] perMessage;

  private char[] text = new char[64];

  /** The document being scanned, the next byte to read and the end. */
  private byte[] in;

  private int pos;
  private int end;
  private int start;

  /** The last string scanned: its content's bounds (quotes excluded) and whether it has escapes. */
  private int stringFrom;

  private int stringTo;
  private boolean stringEscaped;

  /** The last number scanned: whether it is an integer (no fraction, no exponent). */
  private boolean numberIntegral;

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

  private static final String[] NO_VALUES = new String[0];

  /**
   * Scans as {@link #scan(PointerTree, byte[], int, int)}, comparing per-message STRING
   * expectations with {@code perMessage} (by slot).
   */
  boolean scan(PointerTree tree, byte[] data, int offset, int length, String[] perMessage) {
    this.tree = tree;
    this.perMessage = perMessage;
    findings.reset(tree);
    in = data;
    pos = offset;
    start = offset;
    end = offset + length;
    try {
      skipWhitespace();
      if (pos == end) {
        return findings.malformed("no complete JSON value");
      }
      value(tree.root(), 0);
      skipWhitespace();
      if (pos != end) {
        return findings.malformed("unexpected content after the JSON value");
      }
      return true;
    } catch (Malformed e) {
      return findings.malformed("invalid JSON: " + e.getMessage());
    } finally {
      in = null;
      this.perMessage = null;
    }
  }

  /**
   * Reads the value at {@link #pos} (not whitespace), which sits at {@code node} of the tree, or
   * outside it when {@code node} is null.
   */
  private void value(PointerTree.Node node, int depth) {
    if (pos >= end) {
      throw truncated();
    }
    byte b = in[pos];
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
        string();
        if (node != null) {
          recordString(node.targets());
        }
      }
      case 't' -> literal(TRUE, node);
      case 'f' -> literal(FALSE, node);
      case 'n' -> literal(NULL, node);
      default -> {
        if (b == '-' || (b >= '0' && b <= '9')) {
          int from = pos;
          number();
          if (node != null) {
            recordNumber(node.targets(), from);
          }
        } else {
          throw unexpected("a value");
        }
      }
    }
  }

  private void object(PointerTree.Node node, int depth) {
    checkDepth(depth);
    pos++;
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return;
    }
    while (true) {
      if (peek() != '"') {
        throw unexpected("a field name in double quotes");
      }
      string();
      PointerTree.Node child = node == null ? null : fieldNode(node);
      skipWhitespace();
      if (peek() != ':') {
        throw unexpected("':' after a field name");
      }
      pos++;
      skipWhitespace();
      value(child, depth);
      skipWhitespace();
      byte next = peek();
      pos++;
      if (next == '}') {
        return;
      }
      if (next != ',') {
        pos--;
        throw unexpected("',' or '}'");
      }
      skipWhitespace();
    }
  }

  private void array(PointerTree.Node node, int depth) {
    checkDepth(depth);
    pos++;
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return;
    }
    int index = 0;
    while (true) {
      value(node == null ? null : node.element(index++), depth);
      skipWhitespace();
      byte next = peek();
      pos++;
      if (next == ']') {
        return;
      }
      if (next != ',') {
        pos--;
        throw unexpected("',' or ']'");
      }
      skipWhitespace();
    }
  }

  /** The child of {@code node} named by the field name just scanned, or null. */
  private PointerTree.Node fieldNode(PointerTree.Node node) {
    if (!stringEscaped) {
      return node.field(in, stringFrom, stringTo);
    }
    int length = decodeString(stringFrom, stringTo);
    return node.field(new String(text, 0, length));
  }

  private void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw new Malformed("nesting deeper than " + MAX_DEPTH + " levels");
    }
  }

  // ---- raw text ----

  /**
   * Decodes raw event data (not JSON) as UTF-8 into {@link #rawChars()}, replacing each invalid
   * sequence by U+FFFD as the WHATWG decoder does; returns the number of chars.
   */
  int decodeRaw(byte[] data, int offset, int length) {
    if (text.length < length) {
      text = new char[Math.max(length, text.length * 2)];
    }
    int n = 0;
    int i = offset;
    int to = offset + length;
    while (i < to) {
      int b = data[i];
      if (b >= 0) {
        text[n++] = (char) b;
        i++;
        continue;
      }
      int lead = b & 0xFF;
      int size =
          lead >= 0xC2 && lead <= 0xDF
              ? 2
              : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
      int cp = size == 2 ? lead & 0x1F : size == 3 ? lead & 0x0F : lead & 0x07;
      boolean ok = size > 0 && i + size <= to;
      for (int k = 1; ok && k < size; k++) {
        int c = data[i + k] & 0xFF;
        ok = (c & 0xC0) == 0x80;
        cp = cp << 6 | (c & 0x3F);
      }
      ok &= size != 3 || (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF));
      ok &= size != 4 || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!ok) {
        text[n++] = '\uFFFD';
        i++;
      } else if (cp >= 0x10000) {
        cp -= 0x10000;
        text[n++] = (char) (0xD800 | (cp >> 10));
        text[n++] = (char) (0xDC00 | (cp & 0x3FF));
        i += size;
      } else {
        text[n++] = (char) cp;
        i += size;
      }
    }
    return n;
  }

  /** The chars {@link #decodeRaw} wrote; valid until the next scan or decode. */
  char[] rawChars() {
    return text;
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
          if (stringFrom != stringTo) {
            // Decoded first: decoding may replace the text buffer with a larger one.
            int length = decodeString(stringFrom, stringTo);
            findings.keepText(target, text, length);
          }
        }
        case MATCH -> {
          PointerTree.Expectation e = tree.expectation(target);
          findings.found[target] =
              switch (e.kind()) {
                case PRESENT -> true;
                case STRING -> stringEquals(e.text() != null ? e.text() : perMessage(e.slot()));
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
          findings.counts[target] = integralValue(from);
          findings.found[target] = true;
        }
        case NUMBER -> {
          findings.numbers[target] = doubleValue(from);
          findings.found[target] = true;
        }
        case MATCH -> {
          PointerTree.Expectation e = tree.expectation(target);
          findings.found[target] =
              e.kind() == PointerTree.ExpectedKind.PRESENT
                  || (e.kind() == PointerTree.ExpectedKind.NUMBER
                      && doubleValue(from) == e.number());
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
            case PRESENT -> literal != NULL;
            case TRUE -> literal == TRUE;
            case FALSE -> literal == FALSE;
            case NULL -> literal == NULL;
            default -> false;
          };
    }
  }

  /** Whether the string just scanned, decoded, equals {@code expected}. */
  private boolean stringEquals(String expected) {
    if (!stringEscaped && isAscii(stringFrom, stringTo)) {
      return bytesEqual(stringFrom, stringTo, expected);
    }
    int length = decodeString(stringFrom, stringTo);
    if (length != expected.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (text[i] != expected.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether ASCII bytes {@code [from, to)} spell {@code expected}. */
  private boolean bytesEqual(int from, int to, String expected) {
    if (to - from != expected.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (in[i] != expected.charAt(i - from)) {
        return false;
      }
    }
    return true;
  }

  private boolean isAscii(int from, int to) {
    for (int i = from; i < to; i++) {
      if (in[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** The integer just scanned from {@code from}; a fraction or exponent is cut, as Jackson does. */
  private long integralValue(int from) {
    if (numberIntegral && pos - from <= 18) {
      return parseLong(from);
    }
    String written = new String(in, from, pos - from, StandardCharsets.ISO_8859_1);
    if (numberIntegral) {
      try {
        return Long.parseLong(written);
      } catch (NumberFormatException beyondLong) {
        // Cut from the double, as Jackson does with a BigInteger.
      }
    }
    return (long) Double.parseDouble(written);
  }

  private double doubleValue(int from) {
    if (numberIntegral && pos - from <= 15) {
      return parseLong(from); // exact: below 2^53
    }
    return parseDouble(from);
  }

  private long parseLong(int from) {
    boolean negative = in[from] == '-';
    long value = 0;
    for (int i = negative ? from + 1 : from; i < pos; i++) {
      value = value * 10 + (in[i] - '0');
    }
    return negative ? -value : value;
  }

  private double parseDouble(int from) {
    return Double.parseDouble(new String(in, from, pos - from, StandardCharsets.ISO_8859_1));
  }

  // ---- the grammar ----

  private void skipWhitespace() {
    while (pos < end) {
      byte b = in[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      pos++;
    }
  }

  /** The byte at {@link #pos}; the document must not end here. */
  private byte peek() {
    if (pos >= end) {
      throw truncated();
    }
    return in[pos];
  }

  private void literal(byte[] literal, PointerTree.Node node) {
    int from = pos;
    for (byte expected : literal) {
      if (pos >= end) {
        throw truncated();
      }
      if (in[pos] != expected) {
        pos = from;
        throw unrecognizedToken();
      }
      pos++;
    }
    if (pos < end && isTokenChar(in[pos])) {
      pos = from;
      throw unrecognizedToken();
    }
    if (node != null) {
      recordLiteral(node.targets(), literal);
    }
  }

  /** Scans an RFC 8259 number at {@link #pos}; sets {@link #numberIntegral}. */
  private void number() {
    int from = pos;
    if (in[pos] == '-') {
      pos++;
    }
    if (pos >= end) {
      throw truncated();
    }
    byte b = in[pos];
    int digitCount;
    if (b == '0') {
      pos++;
      digitCount = 1;
    } else if (b >= '1' && b <= '9') {
      digitCount = digits();
    } else {
      throw unexpected("a digit");
    }
    numberIntegral = true;
    if (pos < end && in[pos] == '.') {
      pos++;
      numberIntegral = false;
      requireDigit();
      digitCount += digits();
    }
    if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
      pos++;
      numberIntegral = false;
      if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
        pos++;
      }
      requireDigit();
      digitCount += digits();
    }
    if (pos < end && isTokenChar(in[pos])) {
      throw unexpected("a delimiter after a number");
    }
    if (digitCount > MAX_NUMBER_DIGITS) {
      throw new Malformed("a number of more than " + MAX_NUMBER_DIGITS + " digits" + at(from));
    }
  }

  private void requireDigit() {
    if (pos >= end) {
      throw truncated();
    }
    if (in[pos] < '0' || in[pos] > '9') {
      throw unexpected("a digit");
    }
  }

  /** Skips the digits at {@link #pos}; returns how many. */
  private int digits() {
    int from = pos;
    while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
      pos++;
    }
    return pos - from;
  }

  /**
   * A byte that would continue a literal or number: letters, digits and the rest of ASCII words.
   */
  private static boolean isTokenChar(byte b) {
    return (b >= 'a' && b <= 'z')
        || (b >= 'A' && b <= 'Z')
        || (b >= '0' && b <= '9')
        || b == '_'
        || b == '.'
        || b == '-'
        || b == '+'
        || b < 0;
  }

  /**
   * Scans the string at {@link #pos} (its opening quote), checking escapes, control characters and
   * UTF-8 sequences; leaves {@link #pos} after the closing quote and the content's bounds in {@link
   * #stringFrom} and {@link #stringTo}.
   */
  private void string() {
    int i = pos + 1;
    boolean escaped = false;
    while (true) {
      if (i >= end) {
        throw truncated();
      }
      byte b = in[i];
      if (b == '"') {
        break;
      }
      if (b >= 0x20 && b != '\\') {
        i++;
      } else if (b == '\\') {
        escaped = true;
        i = escape(i);
      } else if (b >= 0) {
        pos = i;
        throw new Malformed(
            "control character 0x" + Integer.toHexString(b) + " in a string" + at(i));
      } else {
        i = utf8Sequence(i);
      }
    }
    stringFrom = pos + 1;
    stringTo = i;
    stringEscaped = escaped;
    pos = i + 1;
  }

  /** Checks the escape at {@code i} (a backslash); returns the index after it. */
  private int escape(int i) {
    if (i + 1 >= end) {
      throw truncated();
    }
    switch (in[i + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return i + 2;
      }
      case 'u' -> {
        for (int k = i + 2; k < i + 6; k++) {
          if (k >= end) {
            throw truncated();
          }
          if (hexValue(in[k]) < 0) {
            throw new Malformed("a \\u escape needs four hex digits" + at(k));
          }
        }
        return i + 6;
      }
      default ->
          throw new Malformed("unrecognized escape '\\" + printable(in[i + 1]) + "'" + at(i));
    }
  }

  /**
   * Checks the multi-byte UTF-8 sequence at {@code i}; returns the index after it. Lead bytes and
   * continuation bytes are checked, as Jackson checks them (overlong forms are not rejected).
   */
  private int utf8Sequence(int i) {
    int lead = in[i] & 0xFF;
    int continuations;
    if (lead >= 0xC0 && lead <= 0xDF) {
      continuations = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      continuations = 2;
    } else if (lead >= 0xF0 && lead <= 0xF7) {
      continuations = 3;
    } else {
      throw new Malformed("invalid UTF-8 start byte 0x" + Integer.toHexString(lead) + at(i));
    }
    for (int k = i + 1; k <= i + continuations; k++) {
      if (k >= end) {
        throw truncated();
      }
      if ((in[k] & 0xC0) != 0x80) {
        throw new Malformed(
            "invalid UTF-8 middle byte 0x" + Integer.toHexString(in[k] & 0xFF) + at(k));
      }
    }
    return i + continuations + 1;
  }

  /** Decodes the (already checked) string content {@code [from, to)} into {@link #text}. */
  private int decodeString(int from, int to) {
    if (text.length < to - from) {
      text = new char[Math.max(to - from, text.length * 2)];
    }
    char[] out = text;
    int n = 0;
    int i = from;
    while (i < to) {
      int b = in[i];
      if (b >= 0 && b != '\\') {
        out[n++] = (char) b;
        i++;
      } else if (b == '\\') {
        byte e = in[i + 1];
        if (e == 'u') {
          out[n++] =
              (char)
                  (hexValue(in[i + 2]) << 12
                      | hexValue(in[i + 3]) << 8
                      | hexValue(in[i + 4]) << 4
                      | hexValue(in[i + 5]));
          i += 6;
        } else {
          out[n++] = unescape(e);
          i += 2;
        }
      } else {
        int lead = b & 0xFF;
        if (lead <= 0xDF) {
          out[n++] = (char) ((lead & 0x1F) << 6 | (in[i + 1] & 0x3F));
          i += 2;
        } else if (lead <= 0xEF) {
          out[n++] = (char) ((lead & 0x0F) << 12 | (in[i + 1] & 0x3F) << 6 | (in[i + 2] & 0x3F));
          i += 3;
        } else {
          int cp =
              (lead & 0x07) << 18
                  | (in[i + 1] & 0x3F) << 12
                  | (in[i + 2] & 0x3F) << 6
                  | (in[i + 3] & 0x3F);
          cp -= 0x10000;
          out[n++] = (char) (0xD800 | (cp >> 10));
          out[n++] = (char) (0xDC00 | (cp & 0x3FF));
          i += 4;
        }
      }
    }
    return n;
  }

  private static char unescape(byte e) {
    return switch (e) {
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      default -> (char) e; // '"', '\\', '/'
    };
  }

  private static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  // ---- errors ----

  private Malformed truncated() {
    return new Malformed("the data ends inside a value");
  }

  private Malformed unexpected(String expected) {
    return new Malformed(
        "unexpected character '" + printable(in[pos]) + "'" + at(pos) + ", expected " + expected);
  }

  /** A word that is not a literal: named whole, as a reader would name it. */
  private Malformed unrecognizedToken() {
    int to = pos;
    while (to < end && to - pos < 40 && isTokenChar(in[to])) {
      to++;
    }
    String word = new String(in, pos, Math.max(to - pos, 1), StandardCharsets.UTF_8);
    return new Malformed("unrecognized token '" + word + "'" + at(pos));
  }

  private String at(int index) {
    return " at byte " + (index - start);
  }

  private static String printable(byte b) {
    return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : "0x" + Integer.toHexString(b & 0xFF);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** What is wrong with the document; thrown out of the scan, never out of this class. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }
}
