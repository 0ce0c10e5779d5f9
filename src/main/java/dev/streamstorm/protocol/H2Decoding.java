package dev.streamstorm.protocol;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.sse.ChunkCopy;
import dev.streamstorm.protocol.sse.SseDecoder;
import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.protocol.sse.SseListener;
import dev.streamstorm.protocol.stream.StreamInterpreter.EventClass;
import dev.streamstorm.scenario.Sizes;

/**
 * An SSE decoder and the exchange it is decoding for now. Kept by {@link H2UserStreams} from one
 * stream to the next. Thread confinement: the user's event loop only.
 */
final class H2Decoding implements SseListener {
  final SseDecoder decoder;
  H2Exchange owner;

  /**
   * @param chunkCopy the event loop's array for chunks that arrive in direct buffers
   */
  H2Decoding(ChunkCopy chunkCopy) {
    this.decoder = new SseDecoder(this, Integer.MAX_VALUE, chunkCopy);
  }

  @Override
  public void onEvent(SseEvent event) {
    H2Exchange e = owner;
    if (e != null && e.state() == H2Exchange.State.STREAMING) {
      EventClass cls = e.interpreter.onSseEvent(event, e.arrivalNs, e.listener);
      if (e.trace != null) {
        e.trace.event(event, cls, e.arrivalNs);
      }
    }
  }

  @Override
  public void onComment(byte[] bytes, int offset, int length) {
    H2Exchange e = owner;
    if (e != null && e.trace != null) {
      e.trace.comment(bytes, offset, length, e.arrivalNs);
    }
  }

  @Override
  public void onTooLarge(int limitBytes) {
    H2Exchange e = owner;
    if (e != null) {
      e.failAndReset(
          ErrorClass.TOO_LARGE,
          "an event grew past stream.maxEventBytes ("
              + Sizes.describe(limitBytes)
              + ") without ending",
          e.arrivalNs);
    }
  }
}
