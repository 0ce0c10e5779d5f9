package dev.streamstorm.protocol.sse;

/** Receives the events an {@link SseDecoder} dispatches, on the thread that feeds the decoder. */
@FunctionalInterface
public interface SseListener {

  /**
   * One dispatched event. {@code event} is a flyweight owned by the decoder: valid only during this
   * call; copy what must outlive it.
   */
  void onEvent(SseEvent event);
}
