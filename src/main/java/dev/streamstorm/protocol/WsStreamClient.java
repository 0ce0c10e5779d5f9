package dev.streamstorm.protocol;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.protocol.stream.StreamInterpreter.EventClass;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
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
  private final HttpStreamClient.ConnectListener connectListener;
  private WebSocket socket;
  private String socketPath;
  private WsExchange current;
  private Buffer fragments;
  private byte[] scratch = new byte[4096];

  public WsStreamClient(
      WebSocketClient client,
      Endpoint endpoint,
      long connectTimeoutMs,
      HttpStreamClient.ConnectListener connectListener) {
    this.client = client;
    this.endpoint = endpoint;
    this.connectTimeoutMs = connectTimeoutMs;
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
              ws.writeTextMessage(frame).onFailure(exchange::brokenBy);
            })
        .onFailure(exchange::failToConnect);
    return exchange;
  }

  public Future<Void> close() {
    WebSocket ws = socket;
    socket = null;
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
      socket.close();
      socket = null;
    }
    long startNs = System.nanoTime();
    WebSocketConnectOptions opts =
        new WebSocketConnectOptions()
            .setHost(endpoint.host())
            .setPort(endpoint.port())
            .setSsl(endpoint.ssl())
            .setURI(endpoint.basePath() + path)
            .setHeaders(headers);
    opts.setConnectTimeout(connectTimeoutMs);
    return client
        .connect(opts)
        .map(
            ws -> {
              connectListener.connected(System.nanoTime() - startNs);
              socket = ws;
              socketPath = path;
              ws.frameHandler(frame -> onFrame(ws, frame));
              ws.closeHandler(v -> onClosed(ws));
              ws.exceptionHandler(err -> onError(ws, err));
              return ws;
            });
  }

  private void onFrame(WebSocket ws, WebSocketFrame frame) {
    long arrivalNs = System.nanoTime();
    WsExchange ex = current;
    if (ex == null || ex.done || ws != socket) {
      return;
    }
    if (!ex.headSeen) {
      ex.headSeen = true;
      ex.listener.onHead(101, null, arrivalNs);
    }
    if (frame.isText() || (frame.isContinuation() && fragments != null)) {
      if (!frame.isFinal()) {
        if (fragments == null) {
          fragments = Buffer.buffer();
        }
        fragments.appendBuffer(frame.binaryData());
        return;
      }
      Buffer data = frame.binaryData();
      if (fragments != null) {
        data = fragments.appendBuffer(data);
        fragments = null;
      }
      ex.listener.onArrival(arrivalNs);
      ByteBuf bytes = ((BufferInternal) data).getByteBuf();
      int len = bytes.readableBytes();
      byte[] array;
      int offset;
      if (bytes.hasArray()) {
        array = bytes.array();
        offset = bytes.arrayOffset() + bytes.readerIndex();
      } else {
        if (scratch.length < len) {
          scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        bytes.getBytes(bytes.readerIndex(), scratch, 0, len);
        array = scratch;
        offset = 0;
      }
      EventClass cls = ex.interpreter.onTextFrame(array, offset, len, ex.listener);
      if (ex.trace != null) {
        ex.trace.frame(array, offset, len, cls, arrivalNs);
      }
    }
  }

  private void onClosed(WebSocket ws) {
    long now = System.nanoTime();
    if (ws == socket) {
      socket = null;
    }
    WsExchange ex = current;
    if (ex != null && !ex.done) {
      Short code = ws.closeStatusCode();
      ex.fail(
          ErrorClass.STREAM_BROKEN,
          "WebSocket closed before the message ended"
              + (code == null ? "" : " (code " + code + ")"),
          now);
    }
  }

  private void onError(WebSocket ws, Throwable err) {
    long now = System.nanoTime();
    WsExchange ex = current;
    if (ws == socket) {
      socket = null;
      ws.close();
    }
    if (ex != null && !ex.done) {
      ex.fail(ErrorClass.STREAM_BROKEN, HttpStreamClient.describe(err), now);
    }
  }

  private final class WsExchange implements Exchange {
    final StreamInterpreter interpreter;
    final ExchangeListener listener;
    final StreamTrace trace;
    boolean done;
    boolean headSeen;

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
            c == null ? ErrorClass.HTTP_4XX : c,
            "HTTP " + status + (body.isEmpty() ? "" : ": " + body),
            now);
        return;
      }
      fail(ErrorClass.CONNECT, HttpStreamClient.describe(err), now);
    }

    void brokenBy(Throwable err) {
      fail(ErrorClass.STREAM_BROKEN, HttpStreamClient.describe(err), System.nanoTime());
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
      // The server is still streaming this answer: the socket cannot carry the next message.
      WebSocket ws = socket;
      socket = null;
      if (ws != null) {
        ws.close();
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
