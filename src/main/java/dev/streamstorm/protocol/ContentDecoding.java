package dev.streamstorm.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Decodes a response body sent with {@code Content-Encoding: gzip} or {@code deflate}, as its bytes
 * arrive: each compressed piece is inflated at once and its output handed on in pieces (Netty's
 * zlib decoder, which fires what it inflated as it goes rather than the whole body), so a reader
 * sees decoded bytes when the compressed ones arrive and its own limits bound what it keeps: a "zip
 * bomb" ends at the limit, with at most one network read of compressed input inflated past it.
 * Thread confinement: one response's reader, on its event loop.
 */
final class ContentDecoding {

  /** A body that does not inflate (corrupt, or not what its Content-Encoding says). */
  static final class Corrupt extends RuntimeException {
    Corrupt(String encoding, Throwable cause) {
      super(
          "the "
              + encoding
              + " body does not decode: "
              + (cause.getMessage() == null
                  ? cause.getClass().getSimpleName()
                  : cause.getMessage()),
          cause);
    }
  }

  private final String encoding;
  private final EmbeddedChannel channel;
  private Consumer<ByteBuf> sink;
  private boolean closed;

  private ContentDecoding(String encoding, ZlibWrapper wrapper) {
    this.encoding = encoding;
    this.channel =
        new EmbeddedChannel(
            ZlibCodecFactory.newZlibDecoder(wrapper, 0),
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf decoded = (ByteBuf) msg;
                try {
                  if (sink != null && decoded.isReadable()) {
                    sink.accept(decoded);
                  }
                } finally {
                  decoded.release();
                }
              }
            });
  }

  /**
   * The decoding a response's {@code Content-Encoding} asks for; null for none or {@code identity}.
   *
   * @throws UnsupportedOperationException for an encoding streamstorm does not decode (br, zstd)
   */
  static ContentDecoding forEncoding(String contentEncoding) {
    if (contentEncoding == null) {
      return null;
    }
    String e = contentEncoding.strip().toLowerCase(Locale.ROOT);
    switch (e) {
      case "", "identity":
        return null;
      case "gzip", "x-gzip":
        return new ContentDecoding("gzip", ZlibWrapper.GZIP);
      case "deflate", "x-deflate":
        // "deflate" is zlib-wrapped by the standard, but some servers send it raw.
        return new ContentDecoding("deflate", ZlibWrapper.ZLIB_OR_NONE);
      default:
        throw new UnsupportedOperationException(
            "Content-Encoding "
                + contentEncoding.strip()
                + " is not supported (streamstorm decodes gzip and deflate; ask for one of them"
                + " with an Accept-Encoding header, or for none)");
    }
  }

  /**
   * Inflates {@code compressed} (not consumed, not released), handing {@code out} each decoded
   * piece, valid during the call only.
   *
   * @throws Corrupt when the bytes do not inflate
   */
  void decode(ByteBuf compressed, Consumer<ByteBuf> out) {
    if (closed) {
      return;
    }
    sink = out;
    try {
      channel.writeInbound(compressed.retainedSlice());
      channel.checkException();
    } catch (RuntimeException e) {
      close();
      throw new Corrupt(encoding, e);
    } finally {
      sink = null;
    }
  }

  /** Lets go of the inflater (native memory) and anything it still holds. */
  void close() {
    if (!closed) {
      closed = true;
      try {
        channel.finishAndReleaseAll();
      } catch (RuntimeException e) {
        // A body cut short: nothing more to decode from it.
      }
    }
  }
}
