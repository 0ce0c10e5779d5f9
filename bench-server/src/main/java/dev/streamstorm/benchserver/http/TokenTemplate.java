package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Vocabulary;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * A per-token event pre-rendered once per response: the bytes before and after the token's text, so
 * writing a token is one buffer of three copies and no JSON work.
 */
final class TokenTemplate {

  /** Put where the token text goes, inside a JSON string; the template splits on its last use. */
  static final String MARKER = "@@bench-token@@";

  private final byte[] prefix;
  private final byte[] suffix;

  /**
   * @param eventLines the lines before the data line, e.g. {@code "event: token\n"}, or ""
   * @param json the event's JSON with {@link #MARKER} as the token's string value
   */
  TokenTemplate(String eventLines, JsonObject json) {
    this(eventLines + "data: " + json.encode() + "\n\n");
  }

  /** A template over any text (WebSocket frames) holding {@link #MARKER} once. */
  TokenTemplate(String text) {
    int at = text.lastIndexOf(MARKER);
    prefix = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
    suffix = text.substring(at + MARKER.length()).getBytes(StandardCharsets.UTF_8);
  }

  Buffer render(int word) {
    byte[] token = Vocabulary.jsonBytes(word);
    return Buffer.buffer(prefix.length + token.length + suffix.length)
        .appendBytes(prefix)
        .appendBytes(token)
        .appendBytes(suffix);
  }

  /** The rendered event as a string (WebSocket text frames). */
  String renderString(int word) {
    return render(word).toString(StandardCharsets.UTF_8);
  }
}
