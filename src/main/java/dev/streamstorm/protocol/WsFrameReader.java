package dev.streamstorm.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.vertx.core.Handler;
import io.vertx.core.http.WebSocket;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.http.WebSocketInternal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a client WebSocket's frames in place of Netty's frame decoder: a text message's frames are
 * handed over where they lie in the read buffer, during the call; every other frame (binary, ping,
 * pong, close) goes on to Vert.x's handler as the Netty frame its decoder would have made, so
 * Vert.x still answers pings, closes and reports errors. Vert.x stays in charge of the handshake,
 * the proxy, TLS, writes and the close.
 *
 * <p>What it replaces, per text frame, against Netty's {@link WebSocket08FrameDecoder} and a tap
 * behind it: a pooled buffer allocated and the payload copied into it, a frame object and its
 * release, and one more handler hop each way (about 9% of the event loops' samples in the cost
 * step's profile; docs/performance.md, "WebSocket frames read in place"). The rules are Netty's for
 * a client with Vert.x's configuration (unmasked frames only, no extension, a frame no longer than
 * the limit), each refused with the {@link CorruptedWebSocketFrameException} and close status
 * Netty's decoder raises, so the socket's error handler sees the same failures.
 *
 * <p>Every buffer the server fills has a limit: a frame's header is checked as soon as its bytes
 * are in, so at most one frame of the limit's length (and its header) is held between reads.
 */
final class WsFrameReader extends ChannelInboundHandlerAdapter {

  /** Where the text frames go, on the socket's Vert.x context. */
  interface TextFrames {
    /**
     * One frame of a text message: its payload (the read buffer's readable bytes, valid during the
     * call only), whether it ends the message, and when it arrived.
     */
    void onText(ByteBuf payload, boolean last, long arrivalNs);
  }

  /**
   * Where the stream is: between messages, inside a fragmented text or binary message, after the
   * server's close (what follows is ignored, as Netty's decoder does), or after a protocol error
   * (everything is dropped). It changes only in {@link #moveTo}; which data frame may come next is
   * {@link #frameAllowed}, where one leaves it {@link #after}.
   */
  enum State {
    BETWEEN_MESSAGES,
    IN_TEXT,
    IN_BINARY,
    CLOSED,
    CORRUPT
  }

  /** The names Netty's handshaker and Vert.x give their handlers in a WebSocket's pipeline. */
  static final String NETTY_DECODER = "ws-decoder";

  static final String VERTX_HANDLER = "handler";

  private static final int OP_CONTINUATION = 0x0;
  private static final int OP_TEXT = 0x1;
  private static final int OP_BINARY = 0x2;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PING = 0x9;
  private static final int OP_PONG = 0xA;
  private static final int MAX_CONTROL_PAYLOAD = 125;

  private final ContextInternal context;
  private final TextFrames frames;
  private final int maxFramePayload;
  private final Handler<ByteBuf> deliver = this::deliverText;
  private final Handler<ByteBuf> dispatchText = this::dispatchText;
  private State state = State.BETWEEN_MESSAGES;

  /** A frame's bytes that arrived so far, when a read ended inside it; else null. */
  private ByteBuf pending;

  /** Whether a frame went on to Vert.x in this read batch (then its read-complete must too). */
  private boolean passedOn;

  /** The text frame being delivered: whether it ends its message, and when its read arrived. */
  private boolean textLast;

  private long arrivalNs;

  /**
   * @param context the Vert.x context the text frames are handled in, as Vert.x would have handled
   *     them (the user's timers and futures started from a frame stay on it)
   * @param maxFramePayload the longest frame payload accepted (the client's frame size limit)
   */
  WsFrameReader(ContextInternal context, TextFrames frames, int maxFramePayload) {
    this.context = context;
    this.frames = frames;
    this.maxFramePayload = maxFramePayload;
  }

  /**
   * Puts a reader in place of Netty's frame decoder on {@code ws}'s pipeline. Call on the socket's
   * Vert.x context (where it was opened) before anything is sent on it; the bytes Netty's decoder
   * held are handed to the reader. Returns false, changing nothing, when the pipeline is not the
   * one this reader replaces (an extension such as compression was negotiated, or a Vert.x or Netty
   * version arranged it otherwise): the frames then take Vert.x's way.
   */
  static boolean install(WebSocket ws, TextFrames frames, int maxFramePayload) {
    ContextInternal context = ContextInternal.current();
    if (context == null) {
      throw new IllegalStateException("a WebSocket's frame reader is installed on its context");
    }
    ChannelPipeline pipeline = ((WebSocketInternal) ws).channelHandlerContext().pipeline();
    ChannelHandler decoder = pipeline.get(NETTY_DECODER);
    if (!replaceable(pipeline, decoder)) {
      return false;
    }
    pipeline.replace(decoder, NETTY_DECODER, new WsFrameReader(context, frames, maxFramePayload));
    return true;
  }

  /**
   * Netty's plain decoder with nothing that reads frames between it and Vert.x's handler (its frame
   * encoder, an outbound handler, sits there).
   */
  static boolean replaceable(ChannelPipeline pipeline, ChannelHandler decoder) {
    if (!(decoder instanceof WebSocket08FrameDecoder)) {
      return false;
    }
    List<String> names = pipeline.names();
    for (int i = names.indexOf(NETTY_DECODER) + 1; i < names.size(); i++) {
      if (names.get(i).equals(VERTX_HANDLER)) {
        return true;
      }
      if (pipeline.get(names.get(i)) instanceof ChannelInboundHandler) {
        return false;
      }
    }
    return false;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (state == State.CLOSED || state == State.CORRUPT) {
      in.release();
      return;
    }
    arrivalNs = System.nanoTime();
    ByteBuf data =
        pending == null
            ? in
            : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), pending, in);
    pending = null;
    try {
      readFrames(ctx, data);
    } catch (CorruptedWebSocketFrameException violation) {
      moveTo(State.CORRUPT);
      data.release();
      ctx.fireExceptionCaught(violation);
      return;
    }
    if (data.isReadable() && state != State.CLOSED) {
      pending = data;
    } else {
      data.release();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (passedOn) {
      passedOn = false;
      ctx.fireChannelReadComplete();
    } else if (!ctx.channel().config().isAutoRead()) {
      // Nothing reached Vert.x, which reads on when it has handled what it got: ask for more.
      ctx.read();
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releasePending();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releasePending();
    ctx.fireChannelInactive();
  }

  private void releasePending() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }

  /** Every whole frame in {@code data}; a frame cut by the read's end stays unread. */
  private void readFrames(ChannelHandlerContext ctx, ByteBuf data) {
    while (state != State.CLOSED && data.readableBytes() >= 2) {
      int at = data.readerIndex();
      int first = data.getByte(at);
      int second = data.getByte(at + 1);
      boolean fin = (first & 0x80) != 0;
      int rsv = (first & 0x70) >> 4;
      int opcode = first & 0x0F;
      int length7 = second & 0x7F;
      checkHeader(rsv, (second & 0x80) != 0, opcode, fin, length7);
      int headerLength = length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
      if (data.readableBytes() < headerLength) {
        return;
      }
      long length = payloadLength(data, at, length7);
      if (data.readableBytes() - headerLength < length) {
        return;
      }
      int payloadAt = at + headerLength;
      data.readerIndex(payloadAt + (int) length);
      frame(ctx, opcode, fin, data, payloadAt, (int) length);
    }
  }

  /** Netty's checks of a frame's first two bytes, in its order, against the state. */
  private void checkHeader(int rsv, boolean masked, int opcode, boolean fin, int length7) {
    if (rsv != 0) {
      throw violation("RSV != 0 and no extension negotiated, RSV:" + rsv);
    }
    if (masked) {
      throw violation("received a frame that is not masked as expected");
    }
    if (opcode > 7) {
      if (!fin) {
        throw violation("fragmented control frame");
      }
      if (length7 > MAX_CONTROL_PAYLOAD) {
        throw violation("control frame with payload length > 125 octets");
      }
      if (opcode != OP_CLOSE && opcode != OP_PING && opcode != OP_PONG) {
        throw violation("control frame using reserved opcode " + opcode);
      }
      if (opcode == OP_CLOSE && length7 == 1) {
        throw violation("received close control frame with payload len 1");
      }
    } else if (opcode != OP_CONTINUATION && opcode != OP_TEXT && opcode != OP_BINARY) {
      throw violation("data frame using reserved opcode " + opcode);
    } else if (!frameAllowed(opcode)) {
      throw violation(
          opcode == OP_CONTINUATION
              ? "received continuation data frame outside fragmented message"
              : "received non-continuation data frame while inside fragmented message");
    }
  }

  private long payloadLength(ByteBuf data, int at, int length7) {
    long length;
    if (length7 == 126) {
      length = data.getUnsignedShort(at + 2);
      if (length < 126) {
        throw violation("invalid data frame length (not using minimal length encoding)");
      }
    } else if (length7 == 127) {
      length = data.getLong(at + 2);
      if (length < 0) {
        throw violation("invalid data frame length (negative length)");
      }
      if (length < 65536) {
        throw violation("invalid data frame length (not using minimal length encoding)");
      }
    } else {
      length = length7;
    }
    if (length > maxFramePayload) {
      throw new CorruptedWebSocketFrameException(
          WebSocketCloseStatus.MESSAGE_TOO_BIG,
          "Max frame length of " + maxFramePayload + " has been exceeded.");
    }
    return length;
  }

  /** Whether a data frame with {@code opcode} may come now. */
  private boolean frameAllowed(int opcode) {
    return switch (state) {
      case BETWEEN_MESSAGES -> opcode != OP_CONTINUATION;
      case IN_TEXT, IN_BINARY -> opcode == OP_CONTINUATION;
      case CLOSED, CORRUPT -> throw new IllegalStateException("a frame read in state " + state);
    };
  }

  /** The state after a whole data frame (control frames other than close leave it). */
  private State after(int opcode, boolean fin) {
    if (fin) {
      return State.BETWEEN_MESSAGES;
    }
    return switch (opcode) {
      case OP_TEXT -> State.IN_TEXT;
      case OP_BINARY -> State.IN_BINARY;
      case OP_CONTINUATION -> state;
      default -> throw new IllegalStateException("opcode " + opcode + " is not a data frame");
    };
  }

  private void frame(
      ChannelHandlerContext ctx, int opcode, boolean fin, ByteBuf data, int at, int length) {
    switch (opcode) {
      case OP_PING -> passOn(ctx, new PingWebSocketFrame(copy(ctx, data, at, length)));
      case OP_PONG -> passOn(ctx, new PongWebSocketFrame(copy(ctx, data, at, length)));
      case OP_CLOSE -> {
        checkCloseBody(data, at, length);
        moveTo(State.CLOSED);
        data.skipBytes(data.readableBytes());
        passOn(ctx, new CloseWebSocketFrame(true, 0, copy(ctx, data, at, length)));
      }
      default -> {
        boolean text = opcode == OP_TEXT || state == State.IN_TEXT;
        moveTo(after(opcode, fin));
        if (text) {
          textLast = fin;
          ReadWindow.lend(data, at, length, dispatchText);
        } else {
          ByteBuf payload = copy(ctx, data, at, length);
          passOn(
              ctx,
              opcode == OP_BINARY
                  ? new BinaryWebSocketFrame(fin, 0, payload)
                  : new ContinuationWebSocketFrame(fin, 0, payload));
        }
      }
    }
  }

  /** The one place the state changes; nothing leaves a closed or corrupt stream. */
  private void moveTo(State next) {
    if (state == State.CLOSED || state == State.CORRUPT) {
      throw new IllegalStateException("a WebSocket's frames went from " + state + " to " + next);
    }
    state = next;
  }

  /** A text frame is handled on the socket's context, as Vert.x's own dispatch would. */
  private void dispatchText(ByteBuf payload) {
    context.dispatch(payload, deliver);
  }

  private void deliverText(ByteBuf payload) {
    frames.onText(payload, textLast, arrivalNs);
  }

  private void passOn(ChannelHandlerContext ctx, WebSocketFrame frame) {
    passedOn = true;
    ctx.fireChannelRead(frame);
  }

  /** A frame Vert.x gets owns its payload: a copy, as Netty's decoder makes one. */
  private static ByteBuf copy(ChannelHandlerContext ctx, ByteBuf data, int at, int length) {
    return ctx.alloc().buffer(length).writeBytes(data, at, length);
  }

  /** Netty's checks of a close frame's body: a valid status code, then UTF-8 text. */
  private static void checkCloseBody(ByteBuf data, int at, int length) {
    if (length == 0) {
      return;
    }
    int status = data.getShort(at);
    if (!WebSocketCloseStatus.isValidStatusCode(status)) {
      throw violation("Invalid close frame getStatus code: " + status);
    }
    if (length > 2 && !ByteBufUtil.isText(data, at + 2, length - 2, StandardCharsets.UTF_8)) {
      throw new CorruptedWebSocketFrameException(
          WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "bytes are not UTF-8");
    }
  }

  private static CorruptedWebSocketFrameException violation(String reason) {
    return new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, reason);
  }
}
