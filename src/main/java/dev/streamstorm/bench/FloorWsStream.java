package dev.streamstorm.bench;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.buffer.BufferInternal;

/** One WebSocket conversation of the floor; a message ends with bench-server's done frame. */
final class FloorWsStream extends FloorStream {

  /** How bench-server's WebSocket done frame starts. */
  private static final byte[] DONE_PREFIX =
      "{\"type\":\"done\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private WebSocket socket;
  private int framesOfMessage;

  FloorWsStream(FloorShared shared, int index) {
    super(shared, index);
  }

  @Override
  void open() {
    if (shared.stopped) {
      return;
    }
    long connectNs = System.nanoTime();
    shared
        .ws
        .connect(
            new WebSocketConnectOptions()
                .setHost(shared.target.getHost())
                .setPort(shared.target.getPort())
                .setURI("/ws"))
        .onSuccess(
            s -> {
              connected(connectNs);
              socket = s;
              s.frameHandler(
                  f -> {
                    if (framesOfMessage == 0) {
                      long nowNs = System.nanoTime();
                      firstByteArrived(nowNs);
                      firstTokenArrived(nowNs);
                    }
                    framesOfMessage++;
                    if (isDone(f.binaryData())) {
                      framesOfMessage = 0;
                      ended();
                      shared.ok.increment();
                      send();
                    }
                  });
              s.closeHandler(
                  v -> {
                    if (!shared.stopped) {
                      failedThenRetry();
                    }
                  });
              send();
            })
        .onFailure(err -> failedThenRetry());
  }

  /**
   * Whether a frame is the message's done frame: its first bytes are {@code {"type":"done"}.
   * Checked in place, without parsing: bench-server's frames have a fixed start, and the count of
   * frames per message is not fixed (a usage frame follows each LLM call; counting tokens + 1
   * frames ended every message one frame early, and the floor's conversations stalled).
   */
  private static boolean isDone(Buffer data) {
    ByteBuf bytes = ((BufferInternal) data).getByteBuf();
    int start = bytes.readerIndex();
    if (bytes.readableBytes() < DONE_PREFIX.length) {
      return false;
    }
    for (int i = 0; i < DONE_PREFIX.length; i++) {
      if (bytes.getByte(start + i) != DONE_PREFIX[i]) {
        return false;
      }
    }
    return true;
  }

  private void send() {
    if (!shared.stopped && socket != null && begin()) {
      socket.writeTextMessage(shared.workload.wsFrame(nextRequestId()));
    }
  }
}
