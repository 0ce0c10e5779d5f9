package dev.streamstorm.protocol.stream;

import java.nio.charset.StandardCharsets;

/**
 * The token grammar of RFC 8259 over one document's bytes, as strictly as Jackson's defaults: a
 * cursor that skips whitespace, checks and skips strings (escapes, control characters, UTF-8
 * sequences), numbers (at most {@link #MAX_NUMBER_DIGITS} digits) and literals, and decodes a
 * string or a number only when asked. It knows nothing of objects, arrays or pointers: {@link
 * JsonScan} walks the structure and decides what to extract. A violation is a {@link Malformed}
 * naming the byte. Reused for every document of its scanner; owned with it by one event loop.
 */
final class JsonLexer {

  /**
   * Jackson's default limit on a number's length (StreamReadConstraints.maxNumberLength: digits of
   * the integer, fraction and exponent together), kept for the same verdicts; it also spares
   * parsing a number the size of an event.
   */
  static final int MAX_NUMBER_DIGITS = 1000;

  static final byte[] TRUE = ascii("true");
  static final byte[] FALSE = ascii("false");
  static final byte[] NULL = ascii("null");

  /** Decoded text: a string the scanner extracts, or raw event data. */
  private char[] text = new char[64];

  /** The document, the next byte to read, its end and its start. */
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

  /**
   * Starts on {@code data[offset, offset + length)}. The array is stored only when it is not the
   * last document's (a direct chunk's is always the loop's one copy array), and kept until the
   * next: a reference stored into this long-lived object dirties a card for G1's refinement threads
   * (docs/performance.md, "Reference stores on the per-event path").
   */
  void reset(byte[] data, int offset, int length) {
    if (in != data) {
      in = data;
    }
    pos = offset;
    start = offset;
    end = offset + length;
  }

  boolean atEnd() {
    return pos == end;
  }

  int position() {
    return pos;
  }

  /** Moves past the byte {@link #peek()} returned. */
  void advance() {
    pos++;
  }

  /** Moves back onto the byte just passed, to name it in an error. */
  void back() {
    pos--;
  }

  byte[] bytes() {
    return in;
  }

  int stringFrom() {
    return stringFrom;
  }

  int stringTo() {
    return stringTo;
  }

  boolean stringEscaped() {
    return stringEscaped;
  }

  /** The last string scanned, decoded into {@link #text()}; returns its length in chars. */
  int decodeString() {
    return decodeString(stringFrom, stringTo);
  }

  /** Whether the last string scanned is empty. */
  boolean stringEmpty() {
    return stringFrom == stringTo;
  }

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

  /** The chars {@link #decodeRaw} or {@link #decodeString} wrote; valid until the next one. */
  char[] text() {
    return text;
  }

  /** Whether the string just scanned, decoded, equals {@code expected}. */
  boolean stringEquals(String expected) {
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
  long integralValue(int from) {
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

  double doubleValue(int from) {
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

  void skipWhitespace() {
    while (pos < end) {
      byte b = in[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      pos++;
    }
  }

  /** The byte at {@link #pos}; the document must not end here. */
  byte peek() {
    if (pos >= end) {
      throw truncated();
    }
    return in[pos];
  }

  /** Matches the literal at {@link #pos} ({@link #TRUE}, {@link #FALSE} or {@link #NULL}). */
  void literal(byte[] literal) {
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
  }

  /** Scans an RFC 8259 number at {@link #pos}; sets {@link #numberIntegral}. */
  void number() {
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
  void string() {
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

  Malformed truncated() {
    return new Malformed("the data ends inside a value");
  }

  Malformed unexpected(String expected) {
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

  /** What is wrong with the document; thrown out of the scan, never out of the scanner. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }
}
