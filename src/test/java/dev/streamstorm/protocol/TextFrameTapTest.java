package dev.streamstorm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which frames the tap takes (text messages, fragments included) and which go on to Vert.x's
 * handler (everything else), and that what it takes is released.
 */
class TextFrameTapTest {
  private final Vertx vertx = Vertx.vertx();
  private final ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
  private final List<String> taken = new ArrayList<>();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new TextFrameTap(
              context,
              (payload, last, at) -> {
                assertThat(at).isPositive();
                assertThat(Vertx.currentContext())
                    .as("handled on the socket's context")
                    .isSameAs(context);
                taken.add(payload.toString(StandardCharsets.UTF_8) + (last ? "|end" : "|more"));
              }));

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
    vertx.close();
  }

  @Test
  void takesTextFramesAndReleasesThem() {
    TextWebSocketFrame frame = new TextWebSocketFrame("{\"type\":\"token\"}");
    channel.writeInbound(frame);
    assertThat(taken).containsExactly("{\"type\":\"token\"}|end");
    assertThat(frame.refCnt()).isZero();
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void takesATextMessagesContinuations() {
    channel.writeInbound(new TextWebSocketFrame(false, 0, "{\"a\":"));
    channel.writeInbound(
        new PingWebSocketFrame(Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8)));
    channel.writeInbound(new ContinuationWebSocketFrame(false, 0, "1,"));
    channel.writeInbound(new ContinuationWebSocketFrame(true, 0, "\"b\":2}"));
    assertThat(taken).containsExactly("{\"a\":|more", "1,|more", "\"b\":2}|end");
    WebSocketFrame ping = channel.readInbound();
    assertThat(ping)
        .as("a ping between fragments goes on to Vert.x")
        .isInstanceOf(PingWebSocketFrame.class);
    ping.release();
  }

  @Test
  void passesOtherFramesOnIncludingABinaryMessagesContinuations() {
    channel.writeInbound(
        new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {1})));
    channel.writeInbound(
        new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] {2})));
    channel.writeInbound(new CloseWebSocketFrame(1000, "bye"));
    List<Object> passed = new ArrayList<>();
    for (Object o; (o = channel.readInbound()) != null; ) {
      passed.add(o);
    }
    assertThat(passed)
        .hasExactlyElementsOfTypes(
            BinaryWebSocketFrame.class,
            ContinuationWebSocketFrame.class,
            CloseWebSocketFrame.class);
    assertThat(taken).isEmpty();
    passed.forEach(ReferenceCountUtil::release);
  }
}
