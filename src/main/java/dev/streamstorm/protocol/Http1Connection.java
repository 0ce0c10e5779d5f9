package dev.streamstorm.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * One HTTP/1.1 keep-alive connection whose responses are read where Netty's decoder parses them.
 * Vert.x opens it (on the caller's event loop, with its TLS and connect timeout); Netty's {@link
 * HttpRequestEncoder} writes the requests and {@link Http1ResponseDecoder} (Netty's response
 * decoder, a chunked body's chunks read in place) reads the responses and hands them here directly;
 * a body reaches its reader as bytes of the read buffer. Vert.x's HTTP client would first copy
 * every read chunk into a new heap buffer and wrap it twice, the larger part of the generator's
 * allocation per streamed event (docs/performance.md, "Reading responses below Vert.x's HTTP
 * client"). Requests go one at a time: one made while a response is still arriving waits for its
 * end. Thread confinement: used on the connection's event loop only.
 */
final class Http1Connection implements Http1ResponseDecoder.Responses {

  /** What one response tells its reader, on the connection's event loop. */
  interface ResponseReader {
    /** The final status line and headers (interim 1xx ones are skipped). */
    void onHead(HttpResponse head, long nowNs);

    /** Body bytes as they arrive: the readable bytes of Netty's buffer, valid during the call. */
    void onContent(ByteBuf content, long nowNs);

    /** The response is complete; the connection takes its next request. */
    void onEnd(long nowNs);

    /** The response broke (connection lost, malformed HTTP); the connection is closed. */
    void onFailure(Throwable err, long nowNs);
  }

  private static final int MAX_INITIAL_LINE_LENGTH = 16 * 1024;
  private static final int MAX_HEADER_SIZE = 64 * 1024;
  private static final DefaultHttpHeadersFactory REQUEST_HEADERS =
      // The caller's headers are Vert.x's, validated when they were set.
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  private final NetSocketInternal socket;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private ResponseReader reading;

  /** Whether the request being answered is a HEAD: its response has no body, whatever it says. */
  private boolean readingHead;

  private boolean interim;
  private boolean closeAfterResponse;
  private boolean closed;
  private Runnable closeListener = () -> {};

  /** A request sent once the response before it has ended; its promise fails if it never is. */
  private record Waiting(HttpRequest request, ResponseReader reader, Promise<Void> sent) {}

  private Http1Connection(NetSocketInternal socket) {
    this.socket = socket;
    ContextInternal context = ContextInternal.current();
    if (context == null) {
      throw new IllegalStateException("an HTTP/1.1 connection is set up on its context");
    }
    ChannelHandlerContext vertx = socket.channelHandlerContext();
    vertx
        .pipeline()
        .addBefore(vertx.name(), "http-request-encoder", new HttpRequestEncoder())
        .addBefore(
            vertx.name(),
            "http-response-decoder",
            new Http1ResponseDecoder(
                new HttpDecoderConfig()
                    .setMaxInitialLineLength(MAX_INITIAL_LINE_LENGTH)
                    .setMaxHeaderSize(MAX_HEADER_SIZE),
                context,
                this));
    // The decoder hands everything here; anything else reaching Vert.x is let go.
    socket.messageHandler(ReferenceCountUtil::release);
    socket.exceptionHandler(this::fail);
    socket.closeHandler(v -> onClosed());
  }

  /**
   * Opens a connection to {@code endpoint} on the calling event loop: through its proxy when it has
   * one (the proxy's tunnel first, then TLS inside it), with the host as TLS server name.
   */
  static Future<Http1Connection> open(NetClient client, Endpoint endpoint, int connectTimeoutMs) {
    ConnectOptions options =
        new ConnectOptions()
            .setHost(endpoint.host())
            .setPort(endpoint.port())
            .setSsl(endpoint.ssl())
            .setSniServerName(endpoint.serverName())
            .setProxyOptions(endpoint.proxy())
            .setTimeout(connectTimeoutMs);
    return client.connect(options).map(s -> new Http1Connection((NetSocketInternal) s));
  }

  /**
   * A request as this connection sends it: the caller's headers, {@code Host} unless given, and the
   * body's length.
   */
  static HttpRequest request(
      HttpMethod method, String uri, MultiMap headers, Buffer body, String authority) {
    ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : ((BufferInternal) body).getByteBuf();
    HttpHeaders h = REQUEST_HEADERS.newHeaders();
    for (Map.Entry<String, String> e : headers) {
      h.add(e.getKey(), e.getValue());
    }
    if (!h.contains(HttpHeaderNames.HOST)) {
      h.set(HttpHeaderNames.HOST, authority);
    }
    if (body != null) {
      h.remove(HttpHeaderNames.TRANSFER_ENCODING);
      h.set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    }
    return new DefaultFullHttpRequest(
        HttpVersion.HTTP_1_1, method.toNetty(), uri, content, h, REQUEST_HEADERS.newEmptyHeaders());
  }

  /** The {@code Host} header for {@code endpoint}: its port only when not the scheme's default. */
  static String authority(Endpoint endpoint) {
    boolean defaultPort = endpoint.port() == (endpoint.ssl() ? 443 : 80);
    return defaultPort ? endpoint.host() : endpoint.host() + ":" + endpoint.port();
  }

  /**
   * Sends {@code request}, whose response goes to {@code reader}. Fails, the request unsent, when
   * the connection closes before its turn: the caller may send it on another connection.
   */
  Future<Void> send(HttpRequest request, ResponseReader reader) {
    if (closed) {
      return Future.failedFuture(connectionClosed());
    }
    if (reading != null) {
      Promise<Void> sent = Promise.promise();
      waiting.add(new Waiting(request, reader, sent));
      return sent.future();
    }
    write(request, reader);
    return Future.succeededFuture();
  }

  /** Runs {@code listener} once the connection is closed, by either side. */
  void onClose(Runnable listener) {
    this.closeListener = listener;
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes the connection: the only way HTTP/1.1 has to stop a response. */
  Future<Void> close() {
    closeWith(connectionClosed());
    return socket.close();
  }

  private void write(HttpRequest request, ResponseReader reader) {
    reading = reader;
    readingHead = request.method().equals(HttpMethod.HEAD.toNetty());
    interim = false;
    closeAfterResponse = !HttpUtil.isKeepAlive(request);
    socket.writeMessage(request).onFailure(this::fail);
  }

  @Override
  public boolean answersHead() {
    return readingHead;
  }

  @Override
  public void onDecoded(HttpObject decoded) {
    long nowNs = System.nanoTime();
    try {
      if (decoded.decoderResult().isFailure()) {
        fail(decoded.decoderResult().cause());
        return;
      }
      if (decoded instanceof HttpResponse head) {
        onHead(head, nowNs);
      }
      if (decoded instanceof HttpContent content) {
        onContent(content, nowNs);
      }
    } finally {
      ReferenceCountUtil.release(decoded);
    }
  }

  @Override
  public void onChunkData(ByteBuf data) {
    ResponseReader r = reading;
    if (r != null && !interim) {
      r.onContent(data, System.nanoTime());
    }
  }

  private void onHead(HttpResponse head, long nowNs) {
    ResponseReader r = reading;
    if (r == null) {
      fail(new IllegalStateException("A response arrived for no request"));
      return;
    }
    int status = head.status().code();
    // "100 Continue" and its kind come before the real head, each with its own empty end.
    interim = status >= 100 && status < 200 && status != 101;
    if (interim) {
      return;
    }
    closeAfterResponse |= !HttpUtil.isKeepAlive(head);
    r.onHead(head, nowNs);
  }

  private void onContent(HttpContent content, long nowNs) {
    ResponseReader r = reading;
    if (r == null) {
      return;
    }
    if (interim) {
      interim = !(content instanceof LastHttpContent);
      return;
    }
    ByteBuf bytes = content.content();
    if (bytes.isReadable()) {
      r.onContent(bytes, nowNs);
    }
    if (content instanceof LastHttpContent && reading == r) {
      reading = null;
      if (closeAfterResponse) {
        close();
      }
      r.onEnd(nowNs);
      sendNext();
    }
  }

  private void sendNext() {
    Waiting next;
    if (!closed && reading == null && (next = waiting.poll()) != null) {
      write(next.request, next.reader);
      next.sent.complete();
    }
  }

  /** A broken response fails with its cause and closes the connection. */
  private void fail(Throwable err) {
    closeWith(err);
    socket.close();
  }

  private void onClosed() {
    closeWith(connectionClosed());
    closeListener.run();
  }

  /**
   * From now on nothing is sent: the response arriving fails with {@code err}, and the waiting
   * requests too (unsent, so their callers may send them elsewhere). The first cause wins.
   */
  private void closeWith(Throwable err) {
    if (!closed) {
      closed = true;
      failAll(err);
    }
  }

  /**
   * What Vert.x's HTTP client reported for a lost connection, so users' error texts stay the same.
   */
  private static HttpClosedException connectionClosed() {
    return new HttpClosedException("Connection was closed");
  }

  private void failAll(Throwable err) {
    long nowNs = System.nanoTime();
    ResponseReader r = reading;
    reading = null;
    if (r != null) {
      r.onFailure(err, nowNs);
    }
    Waiting w;
    while ((w = waiting.poll()) != null) {
      w.sent.fail(err);
    }
  }
}
