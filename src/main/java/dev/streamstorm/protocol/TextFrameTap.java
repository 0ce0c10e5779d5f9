package dev.streamstorm.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Handler;
import io.vertx.core.http.WebSocket;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * Takes a WebSocket's text messages where Netty's frame decoder hands them on, ahead of Vert.x's
 * WebSocket layer; every other frame (ping, pong, close, binary) goes on to Vert.x, which answers
 * pings, closes and reports errors as before. Vert.x stays in charge of the handshake, the proxy,
 * TLS, writes and the close.
 *
 * <p>What it replaces, per text frame: Vert.x copying the payload into a new heap buffer and
 * wrapping it, a lock in its frame handling and its inbound queue: about 9% of the event loops'
 * samples in the cost step's profile, as much as the interpretation of the frame (9.8%), and most
 * of the generator's allocation per frame (378 B with them, 86 B without; docs/performance.md,
 * "WebSocket frames below Vert.x"). Here the payload is read in place, during the call, and
 * released.
 *
 * <p>A continuation frame is taken only while a text message is open (its first frame was not
 * final); a binary message's continuations stay with Vert.x, as its first frame did.
 */
final class TextFrameTap extends ChannelInboundHandlerAdapter {

  /** Where the text frames go, on the socket's event loop. */
  interface TextFrames {
    /**
     * One frame of a text message: its payload (valid during the call only), whether it ends the
     * message, and when it arrived.
     */
    void onText(ByteBuf payload, boolean last, long arrivalNs);
  }

  /** The name of Vert.x's handler of a WebSocket connection in its pipeline. */
  private static final String VERTX_HANDLER = "handler";

  private final ContextInternal context;
  private final TextFrames frames;
  private final Handler<WebSocketFrame> deliver = this::deliver;
  private boolean textOpen;

  /** When the frame being delivered arrived: stamped before the dispatch, read within it. */
  private long arrivalNs;

  /**
   * @param context the Vert.x context the frames are handled in, as Vert.x would have handled them
   *     (the user's timers and futures started from a frame stay on it)
   */
  TextFrameTap(ContextInternal context, TextFrames frames) {
    this.context = context;
    this.frames = frames;
  }

  /**
   * Puts a tap on {@code ws}'s pipeline, in front of Vert.x's handler. Call on the socket's Vert.x
   * context (where it was opened) before anything is sent on it, so no answer frame can take
   * Vert.x's way; the frames are handled on that context.
   */
  static void install(WebSocket ws, TextFrames frames) {
    ContextInternal context = ContextInternal.current();
    if (context == null) {
      throw new IllegalStateException("a WebSocket's tap is installed on the socket's context");
    }
    ((WebSocketInternal) ws)
        .channelHandlerContext()
        .pipeline()
        .addBefore(VERTX_HANDLER, "streamstorm-text-frames", new TextFrameTap(context, frames));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    boolean text =
        msg instanceof TextWebSocketFrame
            || (textOpen && msg instanceof ContinuationWebSocketFrame);
    if (!text) {
      ctx.fireChannelRead(msg);
      return;
    }
    arrivalNs = System.nanoTime();
    WebSocketFrame frame = (WebSocketFrame) msg;
    try {
      textOpen = !frame.isFinalFragment();
      context.dispatch(frame, deliver);
    } finally {
      ReferenceCountUtil.release(frame);
    }
  }

  private void deliver(WebSocketFrame frame) {
    frames.onText(frame.content(), frame.isFinalFragment(), arrivalNs);
  }
}
