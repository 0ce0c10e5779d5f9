package dev.streamstorm.protocol.sse;

/** Receives the events an {@link SseDecoder} dispatches, on the thread that feeds the decoder. */
@FunctionalInterface
public interface SseListener {

  /**
   * One dispatched event. {@code event} is a flyweight owned by the decoder: valid only during this
   * call; copy what must outlive it.
   */
  void onEvent(SseEvent event);

  /**
   * A comment line ({@code : keep-alive}), its text after the colon as UTF-8 in {@code [offset,
   * offset + length)} of {@code bytes}, valid only during this call. Ignored unless overridden.
   */
  default void onComment(byte[] bytes, int offset, int length) {}

  /**
   * An event (a line, or the data lines gathered for one event) grew past the decoder's limit: the
   * decoder has dropped it and reads nothing more of this stream. Ignored unless overridden.
   */
  default void onTooLarge(int limitBytes) {}
}
