package dev.streamstorm.protocol;

import java.util.List;

/**
 * Every use of Vert.x's internal API ({@code io.vertx.core.internal}) in streamstorm, in one place,
 * with why. Vert.x does not keep these stable between releases: a Vert.x upgrade must be checked
 * against this list, and {@code VertxInternalsTest} exercises each entry as the code uses it, so an
 * upgrade that removes or changes one fails there, naming the API, instead of as a {@code
 * NoSuchMethodError} or a {@code ClassCastException} in the middle of a load run.
 *
 * <p>Adding a use: add it here and to the test. Found by {@code grep -rn 'io.vertx.core.internal'
 * src/main bench-server/src/main} (bench-server uses none).
 */
public final class VertxInternals {

  /** One internal type, the members used, where, and why the public API does not do. */
  public record Use(String api, List<String> members, List<String> files, String why) {}

  /** The uses, as of Vert.x 5.0.7. */
  public static final List<Use> USES =
      List.of(
          new Use(
              "io.vertx.core.internal.net.NetSocketInternal",
              List.of(
                  "(NetSocketInternal) NetClient.connect(...) result",
                  "channelHandlerContext()",
                  "messageHandler(Handler<Object>)",
                  "writeMessage(Object)"),
              List.of("protocol/Http1Connection.java"),
              "HTTP responses are read below Vert.x's HTTP client: Netty's HttpRequestEncoder and"
                  + " streamstorm's Http1ResponseDecoder (Netty's response decoder, a chunked"
                  + " body's chunks read in place) go on the connection's pipeline before Vert.x's"
                  + " handler; requests are written as Netty HttpRequests, responses handed to the"
                  + " connection directly (Vert.x's message handler only lets go of anything else)."
                  + " Vert.x's HTTP client copied every read chunk into a new heap buffer"
                  + " (docs/design.md, 'Departures')."),
          new Use(
              "io.vertx.core.internal.buffer.BufferInternal",
              List.of("(BufferInternal) Buffer", "getByteBuf()"),
              List.of(
                  "protocol/Http1Connection.java (request bodies)",
                  "protocol/WsStreamClient.java (WebSocket frames Vert.x delivers)",
                  "protocol/H2Exchange.java (HTTP/2 DATA chunks)",
                  "protocol/H2WholeResponse.java (HTTP/2 call bodies)",
                  "bench/FloorSseStream.java (the floor's HTTP response chunks)",
                  "bench/FloorWsStream.java (the floor's WebSocket frames, for the done frame)"),
              "The Netty ByteBuf under a Buffer, read in place: a request body handed to Netty's"
                  + " codec without a copy, a WebSocket frame's or an HTTP/2 chunk's bytes decoded"
                  + " where they lie, the floor client's chunks scanned byte by byte (the public"
                  + " getBytes() copies)."),
          new Use(
              "io.vertx.core.internal.http.WebSocketInternal",
              List.of(
                  "(WebSocketInternal) WebSocketClient.connect(...) result",
                  "channelHandlerContext()",
                  "the pipeline names \"ws-decoder\" (Netty's frame decoder) and \"handler\""
                      + " (Vert.x's WebSocket connection handler, right behind it)"),
              List.of("protocol/WsFrameReader.java"),
              "WebSocket frames are read below Vert.x's WebSocket layer: a reader takes the place"
                  + " of Netty's frame decoder on the socket's pipeline, hands text frames over"
                  + " where they lie in the read buffer and passes the others on to Vert.x as"
                  + " Netty frames; Netty's decoder copied each payload into a new buffer and"
                  + " Vert.x copied it again into a heap buffer and dispatched it through its"
                  + " inbound queue (docs/performance.md, 'WebSocket frames read in place')."),
          new Use(
              "io.vertx.core.internal.ContextInternal",
              List.of("ContextInternal.current()", "dispatch(E, Handler<E>)", "dispatch(Runnable)"),
              List.of(
                  "protocol/WsFrameReader.java",
                  "protocol/Http1ResponseDecoder.java",
                  "protocol/Http1Connection.java"),
              "A frame or a response read below Vert.x is still handled on the socket's context, as"
                  + " Vert.x's own dispatch would: the timers and futures the message's end"
                  + " starts stay on the user's context, and an exception is reported there. The"
                  + " public API has only runOnContext(), which defers the read to a later task."),
          new Use(
              "io.vertx.core.internal.VertxInternal",
              List.of("(VertxInternal) Vertx", "transport()"),
              List.of("engine/GeneratorVertx.java"),
              "Which native transport is in use (epoll, io_uring, kqueue), for the summary's"
                  + " generator line: the public API says only whether one is."));

  private VertxInternals() {}
}
