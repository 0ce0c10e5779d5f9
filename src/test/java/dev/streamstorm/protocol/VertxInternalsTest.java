package dev.streamstorm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.engine.GeneratorVertx;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each entry of {@link VertxInternals#USES}, exercised as the code uses it, against a loopback
 * server. A Vert.x upgrade that removes one of these types or members fails to compile here; one
 * that changes what they return or do fails here with a message naming the internal API.
 */
class VertxInternalsTest {

  private static Vertx vertx;
  private static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  if (req.headers().contains("Upgrade")) {
                    req.toWebSocket()
                        .onSuccess(
                            ws -> {
                              ws.binaryMessageHandler(ws::writeBinaryMessage);
                              ws.textMessageHandler(ws::writeTextMessage);
                            });
                  } else {
                    req.response().end("streamed");
                  }
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void everyUseIsListedWithItsFilesAndWhy() {
    assertThat(VertxInternals.USES)
        .extracting(VertxInternals.Use::api)
        .containsExactlyInAnyOrder(
            NetSocketInternal.class.getName(),
            BufferInternal.class.getName(),
            WebSocketInternal.class.getName(),
            ContextInternal.class.getName(),
            VertxInternal.class.getName());
    for (VertxInternals.Use use : VertxInternals.USES) {
      assertThat(use.files()).as(use.api()).isNotEmpty();
      assertThat(use.why()).as(use.api()).isNotBlank();
    }
  }

  /**
   * Http1Connection: a NetClient socket is a NetSocketInternal whose pipeline takes Netty's codec.
   */
  @Test
  void netSocketInternalCarriesNettysHttpCodec() throws Exception {
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<Integer> status = new CompletableFuture<>();
    NetSocket plain =
        vertx
            .createNetClient()
            .connect(server.actualPort(), "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertThat(plain)
        .as(
            "NetClient.connect() no longer returns an io.vertx.core.internal.net.NetSocketInternal:"
                + " Http1Connection casts to it (VertxInternals)")
        .isInstanceOf(NetSocketInternal.class);
    NetSocketInternal socket = (NetSocketInternal) plain;

    StringBuilder received = new StringBuilder();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v -> {
              ChannelHandlerContext ctx = socket.channelHandlerContext();
              ContextInternal opened = ContextInternal.current();
              ctx.pipeline()
                  .addBefore(ctx.name(), "http-request-encoder", new HttpRequestEncoder())
                  .addBefore(
                      ctx.name(),
                      "http-response-decoder",
                      new Http1ResponseDecoder(
                          new HttpDecoderConfig(),
                          opened,
                          new Http1ResponseDecoder.Responses() {
                            @Override
                            public void onDecoded(HttpObject msg) {
                              try {
                                assertThat(ContextInternal.current()).isSameAs(opened);
                                if (msg instanceof HttpResponse head) {
                                  status.complete(head.status().code());
                                }
                                if (msg instanceof HttpContent content) {
                                  received.append(
                                      content.content().toString(StandardCharsets.UTF_8));
                                }
                                if (msg instanceof LastHttpContent) {
                                  body.complete(received.toString());
                                }
                              } finally {
                                ReferenceCountUtil.release(msg);
                              }
                            }

                            @Override
                            public void onChunkData(ByteBuf data) {
                              received.append(data.toString(StandardCharsets.UTF_8));
                            }

                            @Override
                            public boolean answersHead() {
                              return false;
                            }
                          }));
              socket.messageHandler(ReferenceCountUtil::release);
              DefaultFullHttpRequest request =
                  new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
              request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
              socket.writeMessage(request).onFailure(body::completeExceptionally);
            });

    assertThat(status.get(10, TimeUnit.SECONDS))
        .as(
            "a decoder put before Vert.x's handler (NetSocketInternal.channelHandlerContext())"
                + " reads the response, on the socket's context (ContextInternal.dispatch())")
        .isEqualTo(200);
    assertThat(body.get(10, TimeUnit.SECONDS))
        .as("NetSocketInternal.writeMessage() sends a Netty HttpRequest through the encoder")
        .isEqualTo("streamed");
    socket.close();
  }

  /** Http1Connection's request bodies: a Buffer made by Buffer.buffer(...) is a BufferInternal. */
  @Test
  void aBufferIsABufferInternalOverItsBytes() {
    Buffer body = Buffer.buffer("{\"model\":\"m\"}");
    assertBytes(body, "{\"model\":\"m\"}", "Buffer.buffer(String)");
  }

  /** FloorSseStream: the Vert.x HTTP client's response chunks are BufferInternals. */
  @Test
  void httpClientChunksAreBufferInternals() throws Exception {
    CompletableFuture<Buffer> chunk = new CompletableFuture<>();
    // Held in a local until the end: Vert.x closes a client that is no longer reachable.
    HttpClient client = vertx.createHttpClient();
    client
        .request(io.vertx.core.http.HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
        .compose(req -> req.send())
        .onSuccess((HttpClientResponse resp) -> resp.handler(chunk::complete))
        .onFailure(chunk::completeExceptionally);
    assertBytes(chunk.get(10, TimeUnit.SECONDS), "streamed", "an HttpClientResponse chunk");
    client.close();
  }

  /** WsStreamClient: a WebSocket frame's binaryData() is a BufferInternal. */
  @Test
  void webSocketFramesAreBufferInternals() throws Exception {
    CompletableFuture<WebSocketFrame> frame = new CompletableFuture<>();
    WebSocketClient client = vertx.createWebSocketClient();
    client
        .connect(server.actualPort(), "127.0.0.1", "/")
        .onSuccess(
            ws -> {
              ws.frameHandler(frame::complete);
              ws.writeBinaryMessage(Buffer.buffer("frame"));
            })
        .onFailure(frame::completeExceptionally);
    assertBytes(
        frame.get(10, TimeUnit.SECONDS).binaryData(), "frame", "WebSocketFrame.binaryData()");
    client.close();
  }

  /**
   * WsFrameReader: a client WebSocket is a WebSocketInternal whose pipeline has Netty's frame
   * decoder under the name "ws-decoder" with Vert.x's handler, "handler", right behind it; a reader
   * put in the decoder's place receives the text frames and hands them on within the socket's
   * context (ContextInternal).
   */
  @Test
  void webSocketInternalTakesAFrameReaderInPlaceOfNettysDecoder() throws Exception {
    CompletableFuture<String> read = new CompletableFuture<>();
    WebSocketClient client = vertx.createWebSocketClient();
    client
        .connect(server.actualPort(), "127.0.0.1", "/")
        .onSuccess(
            ws -> {
              assertThat(ws)
                  .as(
                      "WebSocketClient.connect() no longer returns an"
                          + " io.vertx.core.internal.http.WebSocketInternal: WsFrameReader casts to"
                          + " it (VertxInternals)")
                  .isInstanceOf(WebSocketInternal.class);
              assertThat(((WebSocketInternal) ws).channelHandlerContext().pipeline().names())
                  .as(
                      "Netty's frame decoder and Vert.x's WebSocket handler behind it, by the"
                          + " names WsFrameReader looks for")
                  .containsSubsequence("ws-decoder", "handler");
              ContextInternal opened = ContextInternal.current();
              boolean installed =
                  WsFrameReader.install(
                      ws,
                      (buf, last, at) ->
                          read.complete(
                              buf.toString(StandardCharsets.UTF_8)
                                  + "|"
                                  + last
                                  + "|"
                                  + (ContextInternal.current() == opened)),
                      64 * 1024);
              assertThat(installed).as("the reader took the decoder's place").isTrue();
              ws.writeTextMessage("echo me");
            })
        .onFailure(read::completeExceptionally);
    assertThat(read.get(10, TimeUnit.SECONDS))
        .as(
            "a text frame reaches the reader in Netty's decoder's place, on the context the socket"
                + " was opened on (ContextInternal.current(), dispatch())")
        .isEqualTo("echo me|true|true");
    client.close();
  }

  /** GeneratorVertx: a Vertx is a VertxInternal that names its transport. */
  @Test
  void vertxInternalNamesItsTransport() {
    assertThat(vertx)
        .as("Vertx.vertx() is no longer an io.vertx.core.internal.VertxInternal (GeneratorVertx)")
        .isInstanceOf(VertxInternal.class);
    assertThat(((VertxInternal) vertx).transport())
        .as("VertxInternal.transport() (GeneratorVertx)")
        .isNotNull();
    assertThat(GeneratorVertx.transport(vertx)).isIn(List.of("nio", "epoll", "io_uring", "kqueue"));
  }

  private static void assertBytes(Buffer buffer, String expected, String source) {
    assertThat(buffer)
        .as(
            source
                + " is no longer an io.vertx.core.internal.buffer.BufferInternal (VertxInternals)")
        .isInstanceOf(BufferInternal.class);
    ByteBuf bytes = ((BufferInternal) buffer).getByteBuf();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .as("BufferInternal.getByteBuf() of " + source + " holds its bytes")
        .isEqualTo(expected);
  }
}
