package dev.streamstorm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.Seeded;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The decoder against Netty's own response decoder: the same bytes, cut anywhere, give the same
 * heads, the same body bytes delivered by the end of every read (none held back), the same ends and
 * the same failures; the chunks it reads in place are the read buffer's own bytes.
 */
@ExtendWith(Seeded.class)
class Http1ResponseDecoderTest {

  private static final Vertx VERTX = Vertx.vertx();
  private static final ContextInternal CONTEXT = (ContextInternal) VERTX.getOrCreateContext();

  @AfterAll
  static void close() {
    VERTX.close();
  }

  private static HttpDecoderConfig config() {
    return new HttpDecoderConfig().setMaxInitialLineLength(1024).setMaxHeaderSize(4096);
  }

  @RepeatedTest(400)
  void decodesAnyResponsesAsNettyDoesReadByRead(Random random) {
    byte[] stream = randomResponses(random);
    List<byte[]> pieces = cut(stream, random);
    Seen ours = new Seen();
    Seen netty = new Seen();
    EmbeddedChannel our = ours(ours, false);
    EmbeddedChannel theirs =
        new EmbeddedChannel(new HttpResponseDecoder(config()), netty.handler());
    for (int i = 0; i < pieces.size(); i++) {
      our.writeInbound(Unpooled.wrappedBuffer(pieces.get(i)));
      theirs.writeInbound(Unpooled.wrappedBuffer(pieces.get(i)));
      assertThat(ours.events)
          .as("after read %d of %d", i + 1, pieces.size())
          .isEqualTo(netty.events);
    }
    our.finishAndReleaseAll();
    theirs.finishAndReleaseAll();
    assertThat(ours.events).as("after the close").isEqualTo(netty.events);
  }

  @Test
  void readsPlainChunksInPlace() {
    Seen seen = new Seen();
    EmbeddedChannel channel = ours(seen, false);
    ByteBuf head =
        Unpooled.copiedBuffer(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", StandardCharsets.US_ASCII);
    channel.writeInbound(head);
    ByteBuf read =
        Unpooled.copiedBuffer("7\r\ndata: a\r\n7\r\ndata: b\r\n", StandardCharsets.US_ASCII);
    seen.readBuffer = read;
    channel.writeInbound(read);
    assertThat(seen.inPlace).isEqualTo(2);
    assertThat(seen.events).containsExactly("head 200", "body data: adata: b");
    channel.writeInbound(Unpooled.copiedBuffer("0\r\n\r\n", StandardCharsets.US_ASCII));
    assertThat(seen.events).endsWith("end");
    assertThat(read.refCnt()).isZero();
    channel.finishAndReleaseAll();
  }

  @Test
  void aHeadRequestsAnswerHasNoBodyWhateverItSays() {
    Seen seen = new Seen();
    EmbeddedChannel channel = ours(seen, true);
    channel.writeInbound(
        Unpooled.copiedBuffer(
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
            StandardCharsets.US_ASCII));
    assertThat(seen.events).containsExactly("head 200", "end", "head 204", "end");
    channel.finishAndReleaseAll();
  }

  @Test
  void aChunkNotEndedByCrLfFailsAsNettyFailsIt() {
    String bad = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n";
    Seen ours = new Seen();
    Seen netty = new Seen();
    EmbeddedChannel our = ours(ours, false);
    EmbeddedChannel theirs =
        new EmbeddedChannel(new HttpResponseDecoder(config()), netty.handler());
    our.writeInbound(Unpooled.copiedBuffer(bad, StandardCharsets.US_ASCII));
    theirs.writeInbound(Unpooled.copiedBuffer(bad, StandardCharsets.US_ASCII));
    assertThat(ours.events)
        .isEqualTo(netty.events)
        .last()
        .asString()
        .startsWith("failed InvalidChunkTerminationException");
    our.writeInbound(Unpooled.copiedBuffer("3\r\nabc\r\n", StandardCharsets.US_ASCII));
    assertThat(ours.events).as("nothing is read after the failure").isEqualTo(netty.events);
    our.finishAndReleaseAll();
    theirs.finishAndReleaseAll();
  }

  private static EmbeddedChannel ours(Seen seen, boolean head) {
    return new EmbeddedChannel(
        new Http1ResponseDecoder(
            config(),
            CONTEXT,
            new Http1ResponseDecoder.Responses() {
              @Override
              public void onDecoded(HttpObject decoded) {
                assertThat(Vertx.currentContext()).isSameAs(CONTEXT);
                seen.decoded(decoded);
                ReferenceCountUtil.release(decoded);
              }

              @Override
              public void onChunkData(ByteBuf data) {
                assertThat(Vertx.currentContext()).isSameAs(CONTEXT);
                if (seen.readBuffer != null) {
                  assertThat(data).as("the read buffer itself").isSameAs(seen.readBuffer);
                }
                seen.inPlace++;
                seen.body(data);
              }

              @Override
              public boolean answersHead() {
                return head;
              }
            }));
  }

  /** What a decoder delivered, body bytes merged per response (the two split them differently). */
  private static final class Seen {
    final List<String> events = new ArrayList<>();
    ByteBuf readBuffer;
    int inPlace;

    void decoded(HttpObject o) {
      if (o.decoderResult().isFailure()) {
        Throwable cause = o.decoderResult().cause();
        events.add("failed " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        return;
      }
      if (o instanceof HttpResponse r) {
        events.add("head " + r.status().code());
      }
      if (o instanceof HttpContent c) {
        body(c.content());
        if (o instanceof LastHttpContent last) {
          events.add(last.trailingHeaders().isEmpty() ? "end" : "end " + last.trailingHeaders());
        }
      }
    }

    void body(ByteBuf data) {
      if (!data.isReadable()) {
        return;
      }
      String text = data.toString(StandardCharsets.ISO_8859_1);
      int lastIndex = events.size() - 1;
      if (lastIndex >= 0 && events.get(lastIndex).startsWith("body ")) {
        events.set(lastIndex, events.get(lastIndex) + text);
      } else {
        events.add("body " + text);
      }
    }

    ChannelInboundHandlerAdapter handler() {
      return new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
          decoded((HttpObject) msg);
          ReferenceCountUtil.release(msg);
        }
      };
    }
  }

  /**
   * Responses a server might send on one connection: chunked bodies whose chunks come in every form
   * (plain, upper-case or zero-padded sizes, extensions, white space, sizes at the digit limit,
   * trailers), fixed-length and empty bodies, interim heads, and now and then a broken chunk.
   */
  private static byte[] randomResponses(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int responses = 1 + random.nextInt(4);
    for (int r = 0; r < responses; r++) {
      if (random.nextInt(6) == 0) {
        ascii(out, "HTTP/1.1 100 Continue\r\n\r\n");
      }
      switch (random.nextInt(6)) {
        case 0 -> {
          byte[] body = text(random, random.nextInt(300));
          ascii(out, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n");
          out.writeBytes(body);
        }
        case 1 -> ascii(out, "HTTP/1.1 204 No Content\r\n\r\n");
        default -> chunked(out, random);
      }
    }
    return out.toByteArray();
  }

  private static void chunked(ByteArrayOutputStream out, Random random) {
    ascii(
        out,
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
    int chunks = random.nextInt(12);
    for (int c = 0; c < chunks; c++) {
      byte[] data = text(random, 1 + random.nextInt(random.nextInt(10) == 0 ? 20_000 : 120));
      String hex = Integer.toHexString(data.length);
      String sizeLine =
          switch (random.nextInt(12)) {
            case 0 -> hex.toUpperCase();
            case 1 -> "000" + hex;
            case 2 -> hex + ";ext=1";
            case 3 -> hex + " ";
            case 4 -> "0".repeat(Http1ResponseDecoder.MAX_CHUNK_DIGITS + 1 - hex.length()) + hex;
            default -> hex;
          };
      ascii(out, sizeLine + "\r\n");
      out.writeBytes(data);
      ascii(out, random.nextInt(40) == 0 ? "X\r\n" : "\r\n");
    }
    ascii(out, random.nextInt(5) == 0 ? "0\r\nX-Trailer: yes\r\n\r\n" : "0\r\n\r\n");
  }

  private static byte[] text(Random random, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (' ' + random.nextInt(95));
    }
    return b;
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static List<byte[]> cut(byte[] stream, Random random) {
    List<byte[]> pieces = new ArrayList<>();
    int max = random.nextInt(8) == 0 ? 1 : 1 + random.nextInt(Math.max(1, stream.length / 2));
    for (int at = 0; at < stream.length; ) {
      int n = Math.min(stream.length - at, 1 + random.nextInt(max));
      pieces.add(Arrays.copyOfRange(stream, at, at + n));
      at += n;
    }
    return pieces;
  }
}
