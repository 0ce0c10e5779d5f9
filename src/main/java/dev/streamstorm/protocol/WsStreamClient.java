package dev.streamstorm.protocol;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.sse.ChunkCopy;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.protocol.stream.StreamInterpreter.EventClass;
import dev.streamstorm.scenario.Sizes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * One virtual user's WebSocket: opened on first use, kept for the user's messages (multi-turn on
 * one connection), reopened after a close. One message at a time. Thread confinement: used on the
 * user's event loop only.
 */
public final class WsStreamClient {

  private final WebSocketClient client;
  private final Endpoint endpoint;
  private final long connectTimeoutMs;
  private final int maxMessageBytes;
  private final HttpStreamClient.ConnectListener connectListener;
  private WebSocket socket;
  private String socketPath;
  private WsExchange current;

  /** The text message arriving in fragments: its frames so far, or null. */
  private ByteBuf fragments;

  /** The event loop's array for frames that arrive in direct buffers, shared by its users. */
  private final ChunkCopy chunkCopy;

  public WsStreamClient(
      WebSocketClient client,
      Endpoint endpoint,
      long connectTimeoutMs,
      int maxMessageBytes,
      ChunkCopy chunkCopy,
      HttpStreamClient.ConnectListener connectListener) {
    this.client = client;
    this.endpoint = endpoint;
    this.connectTimeoutMs = connectTimeoutMs;
    this.maxMessageBytes = maxMessageBytes;
    this.chunkCopy = chunkCopy;
    this.connectListener = connectListener;
  }

  /**
   * Sends one message frame on the socket at {@code path} (opening it first when needed) and
   * streams the answer frames through {@code interpreter} to {@code listener}.
   */
  public Exchange stream(
      String path,
      MultiMap headers,
      String frame,
      StreamInterpreter interpreter,
      ExchangeListener listener) {
    WsExchange exchange = new WsExchange(interpreter, listener);
    current = exchange;
    boolean opens = !reusable(path);
    if (opens && exchange.trace != null) {
      exchange.trace.request("GET", endpoint.basePath() + path);
    }
    socket(path, headers)
        .onSuccess(
            ws -> {
              if (exchange.done) {
                return;
              }
              if (opens && exchange.trace != null) {
                exchange.trace.head(101, null, System.nanoTime());
              }
              // From here on only this socket's frames and close reach the message.
              exchange.socket = ws;
              ws.writeTextMessage(frame).onFailure(exchange::brokenBy);
            })
        .onFailure(exchange::failToConnect);
    return exchange;
  }

  public Future<Void> close() {
    return closeSocket();
  }

  /**
   * Lets go of the user's socket and closes it. Whatever it still delivers (late frames, its close)
   * belongs to no message: every exchange listens only to the socket it was sent on.
   */
  private Future<Void> closeSocket() {
    WebSocket ws = socket;
    socket = null;
    fragments = null;
    return ws == null ? Future.succeededFuture() : ws.close();
  }

  /** Whether the message to {@code path} goes on the socket already open. */
  private boolean reusable(String path) {
    return socket != null && !socket.isClosed() && path.equals(socketPath);
  }

  private Future<WebSocket> socket(String path, MultiMap headers) {
    if (reusable(path)) {
      return Future.succeededFuture(socket);
    }
    if (socket != null) {
      closeSocket();
    }
    long startNs = System.nanoTime();
    WebSocketConnectOptions opts =
        new WebSocketConnectOptions()
            .setHost(endpoint.host())
            .setPort(endpoint.port())
            .setSsl(endpoint.ssl())
            .setURI(endpoint.basePath() + path)
            .setHeaders(headers);
    opts.setProxyOptions(endpoint.proxy());
    opts.setConnectTimeout(connectTimeoutMs);
    // The handshake is part of connecting: a server that accepts the TCP connection and never
    // answers the upgrade fails it as connect, not as the message's first-token timeout.
    opts.setTimeout(connectTimeoutMs);
    return client
        .connect(opts)
        .map(
            ws -> {
              connectListener.connected(System.nanoTime() - startNs);
              socket = ws;
              socketPath = path;
              WsFrameReader.install(
                  ws, (payload, last, at) -> onText(ws, payload, last, at), maxMessageBytes);
              ws.frameHandler(frame -> onVertxFrame(ws, frame));
              ws.closeHandler(v -> onClosed(ws));
              ws.exceptionHandler(err -> onError(ws, err));
              return ws;
            });
  }

  /** The exchange a frame, close or error of {@code ws} belongs to, or null when none. */
  private WsExchange owner(WebSocket ws) {
    WsExchange ex = current;
    return ex != null && !ex.done && ex.socket == ws ? ex : null;
  }

  /**
   * A frame Vert.x delivers: the text frames it decoded before the socket's {@link WsFrameReader}
   * was in place, or all of them where the reader could not be put in place (the rest of its text
   * frames take the reader's way); other kinds mean nothing here.
   */
  private void onVertxFrame(WebSocket ws, WebSocketFrame frame) {
    long arrivalNs = System.nanoTime();
    if (frame.isText() || (frame.isContinuation() && fragments != null)) {
      onText(ws, ((BufferInternal) frame.binaryData()).getByteBuf(), frame.isFinal(), arrivalNs);
    } else {
      arrived(ws, arrivalNs);
    }
  }

  /** One frame of a text message on {@code ws}; {@code payload} is read during the call only. */
  private void onText(WebSocket ws, ByteBuf payload, boolean last, long arrivalNs) {
    WsExchange ex = arrived(ws, arrivalNs);
    if (ex == null) {
      return;
    }
    if (!last) {
      if (fragments == null) {
        fragments = Unpooled.buffer();
      }
      if (fits(ex, fragments.readableBytes() + (long) payload.readableBytes(), arrivalNs)) {
        fragments.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
      }
      return;
    }
    ByteBuf bytes = payload;
    if (fragments != null) {
      if (!fits(ex, fragments.readableBytes() + (long) payload.readableBytes(), arrivalNs)) {
        return;
      }
      bytes = fragments.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
      fragments = null;
    }
    int len = bytes.readableBytes();
    byte[] array;
    int offset;
    if (bytes.hasArray()) {
      array = bytes.array();
      offset = bytes.arrayOffset() + bytes.readerIndex();
    } else {
      array = chunkCopy.copy(bytes);
      offset = 0;
    }
    EventClass cls = ex.interpreter.onTextFrame(array, offset, len, arrivalNs, ex.listener);
    if (ex.trace != null) {
      ex.trace.frame(array, offset, len, cls, arrivalNs);
    }
  }

  /**
   * The exchange a frame of {@code ws} arriving now belongs to, or null; its first frame of any
   * kind is the message's first byte.
   */
  private WsExchange arrived(WebSocket ws, long arrivalNs) {
    WsExchange ex = owner(ws);
    if (ex != null && !ex.headSeen) {
      ex.headSeen = true;
      ex.listener.onHead(101, null, arrivalNs);
    }
    return ex;
  }

  /**
   * Whether a message of {@code length} bytes (its fragments so far) is within the limit; when not,
   * the message fails as too large and the socket, still carrying it, is closed.
   */
  private boolean fits(WsExchange ex, long length, long now) {
    if (length <= maxMessageBytes) {
      return true;
    }
    // Off the socket first: the failure may send the user's next message at once, which must go
    // out on a new socket, not on this one, still carrying the refused message.
    closeSocket();
    ex.fail(
        ErrorClass.TOO_LARGE,
        "a WebSocket message grew past websocket.maxMessageBytes ("
            + Sizes.describe(maxMessageBytes)
            + ")",
        now);
    return false;
  }

  private void onClosed(WebSocket ws) {
    long now = System.nanoTime();
    WsExchange ex = owner(ws);
    if (ws == socket) {
      socket = null;
      fragments = null;
    }
    if (ex != null) {
      Short code = ws.closeStatusCode();
      String reason = ws.closeReason();
      ex.fail(
          ErrorClass.STREAM_BROKEN,
          "WebSocket closed before the message ended"
              + (code == null ? "" : " (code " + code + ")")
              + (reason == null || reason.isEmpty() ? "" : ": " + reason),
          now);
    }
  }

  private void onError(WebSocket ws, Throwable err) {
    long now = System.nanoTime();
    WsExchange ex = owner(ws);
    if (ws == socket) {
      closeSocket();
    } else {
      ws.close();
    }
    if (ex != null) {
      ex.fail(
          tooBig(err) ? ErrorClass.TOO_LARGE : ErrorClass.STREAM_BROKEN,
          tooBig(err)
              ? "a WebSocket frame was longer than websocket.maxMessageBytes ("
                  + Sizes.describe(maxMessageBytes)
                  + ")"
              : ClientFailures.describe(err),
          now);
    }
  }

  /** Netty's frame decoder refusing a frame longer than the client's limit (close code 1009). */
  private static boolean tooBig(Throwable err) {
    return err instanceof CorruptedWebSocketFrameException c
        && c.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code();
  }

  private final class WsExchange implements Exchange {
    final StreamInterpreter interpreter;
    final ExchangeListener listener;
    final StreamTrace trace;
    boolean done;
    boolean headSeen;

    /** The socket the message was sent on: only its frames and close reach this message. */
    WebSocket socket;

    WsExchange(StreamInterpreter interpreter, ExchangeListener listener) {
      this.interpreter = interpreter;
      this.listener = listener;
      this.trace = listener.trace();
    }

    void failToConnect(Throwable err) {
      long now = System.nanoTime();
      if (err instanceof UpgradeRejectedException rejected) {
        int status = rejected.getStatus();
        MultiMap headers = rejected.getHeaders();
        listener.onHead(status, headers == null ? null : headers.get("Retry-After"), now);
        if (trace != null) {
          trace.head(status, headers == null ? null : headers.get("Content-Type"), now);
        }
        ErrorClass c = ErrorClass.forStatus(status);
        String body =
            rejected.getBody() == null ? "" : HttpStreamClient.excerpt(rejected.getBody());
        fail(
            c == null ? ErrorClass.PROTOCOL : c,
            "HTTP "
                + status
                + (c == null ? " where a WebSocket upgrade (101) was expected" : "")
                + (body.isEmpty() ? "" : ": " + body),
            now);
        return;
      }
      fail(ErrorClass.CONNECT, ClientFailures.describe(err), now);
    }

    void brokenBy(Throwable err) {
      fail(ErrorClass.STREAM_BROKEN, ClientFailures.describe(err), System.nanoTime());
    }

    void fail(ErrorClass error, String message, long now) {
      if (done) {
        return;
      }
      done = true;
      if (current == this) {
        current = null;
      }
      listener.onFailure(error, message, now);
    }

    @Override
    public void cancel() {
      if (done) {
        return;
      }
      done = true;
      if (current == this) {
        current = null;
      }
      // The server may still be streaming this answer: the socket cannot carry the next message.
      if (socket == WsStreamClient.this.socket) {
        closeSocket();
      } else if (socket != null) {
        socket.close();
      }
    }

    @Override
    public void release() {
      done = true;
      if (current == this) {
        current = null;
      }
    }
  }
}
