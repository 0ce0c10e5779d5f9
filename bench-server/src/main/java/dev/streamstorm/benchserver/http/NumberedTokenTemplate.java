package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Vocabulary;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * A per-token event whose text also holds a number that changes with every event (the Responses
 * API's {@code sequence_number}, a Realtime {@code event_id}), pre-rendered once per response:
 * writing a token copies three constant parts, the token and the number's digits, with no JSON work
 * and no string. The number must come after the token in the event.
 */
final class NumberedTokenTemplate {

  /** Put where the number goes: as a JSON value (a bare number) or inside a string. */
  static final String NUMBER = "@@bench-number@@";

  private final byte[] prefix;
  private final byte[] middle;
  private final byte[] suffix;
  private final byte[] digits = new byte[20];

  /**
   * @param eventLines the lines before the data line, e.g. {@code "event: x\n"}, or ""
   * @param json the event with {@link TokenTemplate#MARKER} as the token's string value and {@link
   *     #NUMBER} as a value or inside a string, after the token
   * @param terminator what ends the event ({@code "\n\n"}; "" for a WebSocket frame)
   */
  NumberedTokenTemplate(String eventLines, JsonObject json, String terminator) {
    String text =
        eventLines
            + (eventLines.isEmpty() && terminator.isEmpty() ? "" : "data: ")
            + json.encode()
            + terminator;
    int token = text.lastIndexOf(TokenTemplate.MARKER);
    String quotedNumber = "\"" + NUMBER + "\"";
    int number = text.indexOf(quotedNumber, token);
    int numberLength = quotedNumber.length();
    if (number < 0) {
      number = text.indexOf(NUMBER, token);
      numberLength = NUMBER.length();
    }
    prefix = text.substring(0, token).getBytes(StandardCharsets.UTF_8);
    middle =
        text.substring(token + TokenTemplate.MARKER.length(), number)
            .getBytes(StandardCharsets.UTF_8);
    suffix = text.substring(number + numberLength).getBytes(StandardCharsets.UTF_8);
  }

  Buffer render(int word, long n) {
    byte[] token = Vocabulary.jsonBytes(word);
    int from = digits(n);
    int numberLength = digits.length - from;
    return Buffer.buffer(
            prefix.length + token.length + middle.length + numberLength + suffix.length)
        .appendBytes(prefix)
        .appendBytes(token)
        .appendBytes(middle)
        .appendBytes(digits, from, numberLength)
        .appendBytes(suffix);
  }

  /** Writes n's decimal digits at the end of {@link #digits}; returns where they start. */
  private int digits(long n) {
    int at = digits.length;
    long v = Math.max(0, n);
    do {
      digits[--at] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v > 0);
    return at;
  }
}
