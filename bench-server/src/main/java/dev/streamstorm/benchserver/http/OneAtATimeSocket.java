package dev.streamstorm.benchserver.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;

/**
 * A WebSocket connection that streams one message's answer at a time: a message sent while one
 * streams is refused (the subclass answers it in its protocol), the client's close stops the
 * message in flight, and the drop fault closes the TCP connection with no close frame. Confined to
 * its event loop.
 */
abstract class OneAtATimeSocket {

  protected final Dispatcher dispatcher;
  protected final ServerWebSocket ws;
  private final HttpConnection connection;
  private boolean busy;
  private Runnable goneAction;

  OneAtATimeSocket(Dispatcher dispatcher, ServerWebSocket ws, HttpConnection connection) {
    this.dispatcher = dispatcher;
    this.ws = ws;
    this.connection = connection;
  }

  void start() {
    ws.textMessageHandler(this::onText);
    ws.closeHandler(
        v -> {
          if (goneAction != null) {
            Runnable a = goneAction;
            goneAction = null;
            a.run();
          }
        });
  }

  /** One text frame from the client. */
  protected abstract void onText(String text);

  void send(String text) {
    if (!ws.isClosed()) {
      ws.writeTextMessage(text);
    }
  }

  /** True while a message streams; the caller then refuses the new one. */
  protected boolean busy() {
    return busy;
  }

  /** A message is admitted to stream (until {@link #messageOver}). */
  protected void messageStarts() {
    busy = true;
  }

  void messageOver() {
    busy = false;
    goneAction = null;
  }

  void onGone(Runnable action) {
    goneAction = action;
  }

  /** The drop fault: the TCP connection closes with no close frame. */
  void drop() {
    goneAction = null;
    connection.close();
  }
}
