package dev.streamstorm.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamstorm.Seeded;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reader against Netty's own WebSocket decoder, configured as Vert.x configures a client's: the
 * same byte streams, cut anywhere, give the same frames in the same order and the same refusals
 * (class, close status, words), and text reaches its reader in place, on the socket's context.
 */
@ExtendWith(Seeded.class)
class WsFrameReaderTest {

  private static final int MAX = 70_000;
  private static final Vertx VERTX = Vertx.vertx();
  private static final ContextInternal CONTEXT = (ContextInternal) VERTX.getOrCreateContext();

  @AfterAll
  static void close() {
    VERTX.close();
  }

  @RepeatedTest(300)
  void readsAnyStreamAsNettysDecoderDoes(Random random) {
    byte[] stream = randomStream(random);
    List<byte[]> pieces = cut(stream, random);
    assertThat(ours(pieces)).isEqualTo(netty(pieces));
  }

  @Test
  void refusesWhatNettyRefusesWithTheSameStatusAndWords() {
    byte[] text = "hi".getBytes(StandardCharsets.UTF_8);
    List<byte[]> refused =
        List.of(
            frame(0xC1, false, text), // RSV1 with no extension
            frame(0x81, true, text), // masked by the server
            frame(0x09, false, text), // fragmented ping
            frame(0x89, false, new byte[126]), // control frame over 125 bytes
            frame(0x8B, false, text), // reserved control opcode
            frame(0x83, false, text), // reserved data opcode
            frame(0x80, false, text), // continuation outside a message
            concat(frame(0x01, false, text), frame(0x82, false, text)), // new message inside one
            withLengthForm(0x81, 126, 10), // 16-bit length for a short frame
            withLengthForm(0x81, 127, 100), // 64-bit length for a short frame
            withLengthForm(0x81, 127, -1), // negative 64-bit length
            withLengthForm(0x81, 127, MAX + 1L), // over the limit
            frame(0x88, false, new byte[] {3}), // close with a 1-byte body
            frame(0x88, false, new byte[] {0x03, (byte) 0xEC}), // close status 1004
            frame(0x88, false, new byte[] {0x03, (byte) 0xE8, (byte) 0xFF})); // reason not UTF-8
    for (byte[] stream : refused) {
      List<byte[]> whole = List.of(stream, frame(0x81, false, text));
      List<String> netty = netty(whole);
      assertThat(netty).as("Netty refuses %s", ByteBufUtil.hexDump(stream)).anyMatch(isError());
      assertThat(ours(whole)).as(ByteBufUtil.hexDump(stream)).isEqualTo(netty);
    }
  }

  /**
   * The one difference from Netty's decoder, on purpose: a close reason that ends inside a
   * character is not UTF-8 (RFC 6455, 5.5.1 and 8.1); Netty checks each byte but not the end.
   */
  @Test
  void refusesACloseReasonCutInsideACharacter() {
    List<byte[]> cutReason =
        List.of(frame(0x88, false, new byte[] {0x03, (byte) 0xE8, (byte) 0xC3}));
    assertThat(netty(cutReason)).containsExactly("close 03e8c3");
    assertThat(ours(cutReason)).containsExactly("error 1007 bytes are not UTF-8");
  }

  @Test
  void refusesATooLongFrameFromItsHeaderWithoutWaitingForItsBytes() {
    byte[] header = withLengthForm(0x81, 127, 1L << 30);
    EmbeddedChannel channel = new EmbeddedChannel(reader(text -> {}));
    assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(header)))
        .isInstanceOfSatisfying(
            CorruptedWebSocketFrameException.class,
            e ->
                assertThat(e.closeStatus().code())
                    .isEqualTo(WebSocketCloseStatus.MESSAGE_TOO_BIG.code()));
    ByteBuf later = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
    channel.writeInbound(later);
    assertThat(later.refCnt()).as("what follows a refusal is dropped").isZero();
    channel.finishAndReleaseAll();
  }

  @Test
  void handsTextOverInPlaceOnTheSocketsContext() {
    List<String> seen = new ArrayList<>();
    ByteBuf read = Unpooled.wrappedBuffer(frame(0x81, false, "{\"t\":1}".getBytes()));
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new WsFrameReader(
                CONTEXT,
                (buf, last, at) -> {
                  assertThat(buf).as("the read buffer itself, no copy").isSameAs(read);
                  assertThat(at).isPositive();
                  assertThat(Vertx.currentContext()).isSameAs(CONTEXT);
                  seen.add(buf.toString(StandardCharsets.UTF_8) + "|" + last);
                },
                MAX));
    channel.writeInbound(read);
    assertThat(seen).containsExactly("{\"t\":1}|true");
    assertThat(read.refCnt()).as("released once read").isZero();
    assertThat((Object) channel.readInbound()).isNull();
    channel.finishAndReleaseAll();
  }

  @Test
  void releasesAFrameCutByTheReadWhenTheSocketCloses() {
    byte[] whole = frame(0x81, false, new byte[300]);
    ByteBuf start = Unpooled.buffer().writeBytes(whole, 0, 100).retain();
    EmbeddedChannel channel = new EmbeddedChannel(reader(text -> {}));
    channel.writeInbound(start);
    assertThat(start.refCnt()).as("held until the frame's end arrives").isEqualTo(2);
    channel.close();
    assertThat(start.refCnt()).isEqualTo(1);
    start.release();
  }

  @Test
  void passesReadCompleteOnOnlyWhenAFrameWentOnToVertx() {
    int[] completes = {0};
    EmbeddedChannel channel =
        new EmbeddedChannel(
            reader(text -> {}),
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
              }

              @Override
              public void channelReadComplete(ChannelHandlerContext ctx) {
                completes[0]++;
              }
            });
    channel.writeInbound(Unpooled.wrappedBuffer(frame(0x81, false, "a".getBytes())));
    assertThat(completes[0]).as("text taken here: Vert.x saw no read").isZero();
    channel.writeInbound(Unpooled.wrappedBuffer(frame(0x89, false, "p".getBytes())));
    assertThat(completes[0]).as("a ping went on to Vert.x, and so does its read's end").isOne();
    channel.finishAndReleaseAll();
  }

  @Test
  void ignoresWhatFollowsTheServersClose() {
    List<byte[]> pieces =
        List.of(
            concat(
                frame(0x88, false, new byte[] {0x03, (byte) 0xE8}),
                frame(0x81, false, "late".getBytes())),
            frame(0x81, false, "later".getBytes()));
    assertThat(ours(pieces)).containsExactly("close 03e8").isEqualTo(netty(pieces));
  }

  private static java.util.function.Predicate<String> isError() {
    return s -> s.startsWith("error");
  }

  private static WsFrameReader reader(Consumer<String> text) {
    return new WsFrameReader(
        CONTEXT, (buf, last, at) -> text.accept(buf.toString(StandardCharsets.UTF_8)), MAX);
  }

  /**
   * What the reader makes of the pieces, in order: text as it is handed over, the rest as passed
   * on.
   */
  private static List<String> ours(List<byte[]> pieces) {
    List<String> seen = new ArrayList<>();
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new WsFrameReader(
                CONTEXT,
                (buf, last, at) -> seen.add(describe("text", last, ByteBufUtil.getBytes(buf))),
                MAX),
            collector(seen, new boolean[1]));
    feed(channel, pieces, seen);
    return seen;
  }

  /** What Netty's decoder, configured as Vert.x's client configures it, makes of the pieces. */
  private static List<String> netty(List<byte[]> pieces) {
    List<String> seen = new ArrayList<>();
    WebSocketDecoderConfig config =
        WebSocketDecoderConfig.newBuilder()
            .expectMaskedFrames(false)
            .allowExtensions(false)
            .maxFramePayloadLength(MAX)
            .allowMaskMismatch(false)
            .closeOnProtocolViolation(false)
            .build();
    EmbeddedChannel channel =
        new EmbeddedChannel(new WebSocket13FrameDecoder(config), collector(seen, new boolean[1]));
    feed(channel, pieces, seen);
    return seen;
  }

  private static void feed(EmbeddedChannel channel, List<byte[]> pieces, List<String> seen) {
    for (byte[] piece : pieces) {
      try {
        channel.writeInbound(Unpooled.wrappedBuffer(piece));
      } catch (CorruptedWebSocketFrameException e) {
        seen.add("error " + e.closeStatus().code() + " " + e.getMessage());
      }
    }
    channel.finishAndReleaseAll();
  }

  /** Describes the frames that reach the handler behind the decoder; text when a message is. */
  private static ChannelInboundHandlerAdapter collector(List<String> seen, boolean[] textOpen) {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        WebSocketFrame f = (WebSocketFrame) msg;
        byte[] bytes = ByteBufUtil.getBytes(f.content());
        String kind =
            f instanceof TextWebSocketFrame
                ? "text"
                : f instanceof BinaryWebSocketFrame
                    ? "binary"
                    : f instanceof ContinuationWebSocketFrame
                        ? (textOpen[0] ? "text" : "continuation")
                        : f instanceof PingWebSocketFrame
                            ? "ping"
                            : f instanceof PongWebSocketFrame
                                ? "pong"
                                : f instanceof CloseWebSocketFrame ? "close" : "other";
        if (f instanceof TextWebSocketFrame || f instanceof BinaryWebSocketFrame) {
          textOpen[0] = f instanceof TextWebSocketFrame && !f.isFinalFragment();
        } else if (f instanceof ContinuationWebSocketFrame && f.isFinalFragment()) {
          textOpen[0] = false;
        }
        seen.add(
            kind.equals("close") || kind.equals("ping") || kind.equals("pong")
                ? kind + " " + ByteBufUtil.hexDump(bytes)
                : describe(kind, f.isFinalFragment(), bytes));
        f.release();
      }
    };
  }

  private static String describe(String kind, boolean last, byte[] payload) {
    return kind
        + (last ? " last " : " more ")
        + payload.length
        + " "
        + Integer.toHexString(Arrays.hashCode(payload));
  }

  /**
   * Frames a server might send: text and binary messages in one or more fragments with pings and
   * pongs between them, payloads around each length encoding's edges, now and then a close with
   * more after it, and now and then one frame that breaks a rule.
   */
  private static byte[] randomStream(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int messages = 1 + random.nextInt(12);
    for (int m = 0; m < messages; m++) {
      boolean text = random.nextInt(4) != 0;
      int fragments = random.nextInt(3) == 0 ? 2 + random.nextInt(3) : 1;
      for (int f = 0; f < fragments; f++) {
        int opcode = f > 0 ? 0x0 : text ? 0x1 : 0x2;
        boolean last = f == fragments - 1;
        out.writeBytes(frame((last ? 0x80 : 0) | opcode, false, payload(random)));
        if (random.nextInt(5) == 0) {
          out.writeBytes(frame(random.nextBoolean() ? 0x89 : 0x8A, false, bytes(random, 5)));
        }
      }
      if (random.nextInt(15) == 0) {
        out.writeBytes(broken(random));
      }
    }
    if (random.nextInt(4) == 0) {
      out.writeBytes(frame(0x88, false, new byte[] {0x03, (byte) 0xE8, 'o', 'k'}));
      out.writeBytes(frame(0x81, false, "after the close".getBytes()));
    }
    return out.toByteArray();
  }

  private static byte[] broken(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> frame(0x91, false, bytes(random, 3));
      case 1 -> frame(0x81, true, bytes(random, 3));
      case 2 -> frame(0x80, false, bytes(random, 3));
      case 3 -> withLengthForm(0x81, 126, 3);
      default -> withLengthForm(0x82, 127, MAX + 1L + random.nextInt(10));
    };
  }

  private static byte[] payload(Random random) {
    int[] edges = {0, 1, 125, 126, 127, 65535, 65536, MAX};
    int length =
        switch (random.nextInt(4)) {
          case 0 -> edges[random.nextInt(edges.length)];
          case 1 -> random.nextInt(2_000);
          default -> random.nextInt(200);
        };
    return bytes(random, length);
  }

  private static byte[] bytes(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  /** The stream in pieces as reads might deliver it: a byte at a time, or cut anywhere. */
  private static List<byte[]> cut(byte[] stream, Random random) {
    List<byte[]> pieces = new ArrayList<>();
    int max = random.nextInt(6) == 0 ? 1 : 1 + random.nextInt(Math.max(1, stream.length));
    for (int at = 0; at < stream.length; ) {
      int n = Math.min(stream.length - at, 1 + random.nextInt(max));
      pieces.add(Arrays.copyOfRange(stream, at, at + n));
      at += n;
    }
    return pieces;
  }

  /** A frame with the shortest length encoding, its payload masked with a fixed key if asked. */
  static byte[] frame(int first, boolean masked, byte[] payload) {
    ByteBuf out = Unpooled.buffer();
    out.writeByte(first);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      out.writeByte(maskBit | payload.length);
    } else if (payload.length < 65536) {
      out.writeByte(maskBit | 126).writeShort(payload.length);
    } else {
      out.writeByte(maskBit | 127).writeLong(payload.length);
    }
    if (masked) {
      out.writeInt(0x01020304);
    }
    out.writeBytes(payload);
    return ByteBufUtil.getBytes(out);
  }

  /** A frame header with the given length form and length, and as much of a payload as fits. */
  private static byte[] withLengthForm(int first, int form, long length) {
    ByteBuf out = Unpooled.buffer().writeByte(first).writeByte(form);
    if (form == 126) {
      out.writeShort((int) length);
    } else {
      out.writeLong(length);
    }
    if (length > 0 && length < 1_000) {
      out.writeZero((int) length);
    }
    return ByteBufUtil.getBytes(out);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
