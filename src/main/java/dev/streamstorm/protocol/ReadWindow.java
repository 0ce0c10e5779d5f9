package dev.streamstorm.protocol;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Handler;

/**
 * Lends part of a read buffer to a reader in place: the buffer itself, its indices narrowed to the
 * part for the call and put back after it. What the readers below Vert.x ({@link WsFrameReader},
 * {@link Http1ResponseDecoder}) hand on per frame or chunk, instead of a slice object each time;
 * the reader sees an ordinary buffer, its readable bytes valid during the call only.
 */
final class ReadWindow {

  private ReadWindow() {}

  /** Calls {@code reader} with {@code buf} showing only {@code length} bytes from {@code from}. */
  static void lend(ByteBuf buf, int from, int length, Handler<ByteBuf> reader) {
    int readerIndex = buf.readerIndex();
    int writerIndex = buf.writerIndex();
    buf.setIndex(from, from + length);
    try {
      reader.handle(buf);
    } finally {
      buf.setIndex(readerIndex, writerIndex);
    }
  }
}
