package dev.streamstorm.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.InvalidChunkTerminationException;
import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;
import java.util.List;

/**
 * Netty's HTTP/1.1 response decoder, with the chunks of a chunked body read where they lie in the
 * read buffer, and everything it decodes handed to the connection directly, on the connection's
 * Vert.x context, instead of through Vert.x's {@code NetSocket}.
 *
 * <p>What it replaces, per chunk of a streamed body (one SSE event, as servers flush them): Netty's
 * {@code DefaultHttpContent} and the retained slice in it, their release, a hop to Vert.x's handler
 * and Vert.x's message dispatch; 9.9% of the event loops' samples in the cost step's profile were
 * that layer (docs/performance.md, "SSE bodies read in place"). Netty still decodes everything
 * else, as it did: the status line and headers, fixed-length and close-delimited bodies, the last
 * chunk and its trailers, and any chunk this reader does not take. It takes a chunk only at a chunk
 * boundary and only in the plain form {@code HEX CRLF data CRLF} with a size from 1 to {@link
 * #MAX_CHUNK_DIGITS} hex digits, which Netty reads the same way; on anything else (an extension,
 * white space, the last chunk, a size line not yet whole past its digit limit) Netty takes the rest
 * of the body from the same byte, its own state being the same one (reading a chunk size). A
 * chunk's data is handed over as it arrives, in pieces when a read ends inside it, as Netty hands
 * over a partial chunk. A chunk whose data is not followed by CR LF fails the response with Netty's
 * {@link InvalidChunkTerminationException}.
 *
 * <p>The reader's {@link Body} state is the one state field; it changes in {@link #moveTo} only.
 */
final class Http1ResponseDecoder extends HttpResponseDecoder {

  /** What the decoder hands the connection, on its context. */
  interface Responses {
    /** Something Netty decoded: a head, content, the end, or a failure in its decoder result. */
    void onDecoded(HttpObject decoded);

    /** A piece of a chunk's data: the readable bytes of {@code data}, valid during the call. */
    void onChunkData(ByteBuf data);

    /** Whether the response being decoded answers a HEAD request (it has no body then). */
    boolean answersHead();
  }

  /** Where a chunked body is: Netty reads, or this reader, at which part of a chunk. */
  enum Body {
    /** Netty decodes (heads, other bodies, a chunked body's last chunk and trailers). */
    NETTY,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    /** A chunk ended without CR LF: the response failed, nothing more is read. */
    BROKEN
  }

  /** Up to 0xFFFFFFF bytes a chunk: a longer size line is left to Netty. */
  static final int MAX_CHUNK_DIGITS = 7;

  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private final ContextInternal context;
  private final Responses responses;
  private final Handler<Object> readInContext = this::readInContext;
  private final Handler<ByteBuf> chunkData;
  private Body body = Body.NETTY;
  private int chunkLeft;

  /** This handler's pipeline context, for the reads it dispatches. */
  private ChannelHandlerContext readCtx;

  Http1ResponseDecoder(HttpDecoderConfig config, ContextInternal context, Responses responses) {
    super(config);
    this.context = context;
    this.responses = responses;
    this.chunkData = responses::onChunkData;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // Kept once, not stored per read: a reference stored into this object dirties a card for G1's
    // refinement threads (docs/performance.md, "Reference stores on the per-event path").
    readCtx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    context.dispatch(msg, readInContext);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // Netty decodes what is left (a head cut short fails), then Vert.x learns of the close.
    context.dispatch(
        ctx,
        c -> {
          try {
            super.channelInactive(c);
          } catch (Exception e) {
            c.fireExceptionCaught(e);
          }
        });
  }

  private void readInContext(Object msg) {
    try {
      super.channelRead(readCtx, msg);
    } catch (Exception e) {
      readCtx.fireExceptionCaught(e);
    }
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    while (body != Body.NETTY && in.isReadable()) {
      if (!readChunked(in)) {
        return;
      }
    }
    if (body == Body.NETTY && in.isReadable()) {
      super.decode(ctx, in, out);
      handOver(out);
    }
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws Exception {
    super.decodeLast(ctx, in, out);
    handOver(out);
  }

  @Override
  protected boolean isContentAlwaysEmpty(HttpMessage msg) {
    // As HttpClientCodec pairs a response with its request: an informational head is its own.
    int status = ((HttpResponse) msg).status().code();
    boolean informational = status >= 100 && status < 200;
    return (!informational && responses.answersHead()) || super.isContentAlwaysEmpty(msg);
  }

  /**
   * Hands Netty's output to the connection; a chunked head leaves the chunks to this reader (Netty
   * returns right after such a head, waiting for the first chunk size).
   */
  private void handOver(List<Object> out) {
    int n = out.size();
    if (n == 0) {
      return;
    }
    Object last = out.get(n - 1);
    for (int i = 0; i < n; i++) {
      responses.onDecoded((HttpObject) out.get(i));
    }
    out.clear();
    if (last instanceof HttpResponse head
        && !(last instanceof HttpContent)
        && head.decoderResult().isSuccess()
        && HttpUtil.isTransferEncodingChunked(head)) {
      moveTo(Body.CHUNK_SIZE);
    }
  }

  /**
   * One step of a chunked body from {@code in}: false when it needs more bytes than have arrived.
   */
  private boolean readChunked(ByteBuf in) {
    switch (body) {
      case CHUNK_SIZE -> {
        return readChunkSize(in);
      }
      case CHUNK_DATA -> {
        int n = Math.min(chunkLeft, in.readableBytes());
        handData(in, n);
        chunkLeft -= n;
        if (chunkLeft == 0) {
          moveTo(Body.CHUNK_END);
        }
        return true;
      }
      case CHUNK_END -> {
        if (in.readableBytes() < 2) {
          return false;
        }
        int at = in.readerIndex();
        if (in.getByte(at) == CR && in.getByte(at + 1) == LF) {
          in.skipBytes(2);
          moveTo(Body.CHUNK_SIZE);
          return true;
        }
        in.skipBytes(in.readableBytes());
        moveTo(Body.BROKEN);
        HttpContent failed = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
        failed.setDecoderResult(DecoderResult.failure(new InvalidChunkTerminationException()));
        responses.onDecoded(failed);
        return false;
      }
      case BROKEN -> {
        in.skipBytes(in.readableBytes());
        return false;
      }
      default -> throw new IllegalStateException("the reader reads no chunk in state " + body);
    }
  }

  /**
   * A plain size line ({@code HEX CRLF}, size above 0) starts a chunk this reader takes; anything
   * else goes back to Netty, unread.
   */
  private boolean readChunkSize(ByteBuf in) {
    int start = in.readerIndex();
    int end = in.writerIndex();
    int size = 0;
    int i = start;
    for (; i < end && i - start <= MAX_CHUNK_DIGITS; i++) {
      int digit = Character.digit(in.getByte(i), 16);
      if (digit < 0) {
        break;
      }
      size = size << 4 | digit;
    }
    int digits = i - start;
    if (digits > MAX_CHUNK_DIGITS) {
      moveTo(Body.NETTY);
      return true;
    }
    if (i == end) {
      return false;
    }
    boolean plain = digits > 0 && size > 0 && in.getByte(i) == CR;
    if (plain && i + 1 == end) {
      return false;
    }
    if (!plain || in.getByte(i + 1) != LF) {
      moveTo(Body.NETTY);
      return true;
    }
    in.readerIndex(i + 2);
    chunkLeft = size;
    moveTo(Body.CHUNK_DATA);
    return true;
  }

  /** Hands {@code length} bytes of {@code in} over in place, then reads past them. */
  private void handData(ByteBuf in, int length) {
    int from = in.readerIndex();
    ReadWindow.lend(in, from, length, chunkData);
    in.readerIndex(from + length);
  }

  /** The one place the body's state changes; nothing leaves a broken body. */
  private void moveTo(Body next) {
    if (body == Body.BROKEN) {
      throw new IllegalStateException("a broken chunked body went on to " + next);
    }
    body = next;
  }
}
