package dev.streamstorm.benchserver.http;

import dev.streamstorm.benchserver.model.Vocabulary;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/**
 * Plain-text SSE: each token is an event whose data is the token's raw text, and the stream ends by
 * closing (no done marker). The SSE parser strips one space after {@code data:}, so every event is
 * written {@code "data: " + text}: a token " word" goes out as {@code data: word} (two spaces) and
 * a WHATWG parser yields " word", its leading space intact.
 */
final class TextSseSink extends HttpSink {

  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.UTF_8);

  /** Invalid UTF-8 (0xFF 0xFE): the one thing a raw-text event can get wrong. */
  static final byte[] MALFORMED = {
    'd', 'a', 't', 'a', ':', ' ', (byte) 0xFF, (byte) 0xFE, '\n', '\n'
  };

  TextSseSink(RoutingContext ctx) {
    super(ctx, ErrorStyle.PLAIN);
  }

  @Override
  public boolean streaming() {
    return true;
  }

  @Override
  public void open() {
    startEventStream(null);
  }

  /**
   * The vocabulary's JSON bytes are its raw UTF-8 text: it needs no escaping and has no newline.
   */
  @Override
  public void token(int word) {
    byte[] text = Vocabulary.jsonBytes(word);
    write(
        Buffer.buffer(DATA.length + text.length + END.length)
            .appendBytes(DATA)
            .appendBytes(text)
            .appendBytes(END));
  }

  @Override
  public void malformed() {
    write(Buffer.buffer(MALFORMED));
  }

  /**
   * Raw text has no error shape: an {@code error} event with the message as its data, then the end.
   */
  @Override
  public void streamError(boolean failed) {
    endWith(Sse.event("error", "injected fault: the model failed mid-generation"));
  }

  @Override
  public void end() {
    if (!response.closed()) {
      response.end();
    }
  }
}
