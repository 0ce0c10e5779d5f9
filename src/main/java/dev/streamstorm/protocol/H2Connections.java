package dev.streamstorm.protocol;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpConnectOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP/2 connections of one event loop, shared by the users living on it: a stream goes on the
 * first connection with a free stream (at most {@code streamsPerConnection}, or the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS when lower), else on a new connection. A connection that received
 * GOAWAY, closed or failed to open takes no new stream. Vert.x opens each connection ({@link
 * HttpClientAgent#connect}: TLS with ALPN, or cleartext with prior knowledge) on the calling loop,
 * so every stream's events arrive on that loop, where its bytes are stamped. Connections are made
 * here rather than by Vert.x's pool so that their count and connect times are known, and their
 * streams stay on this loop. Thread confinement: this loop only.
 */
public final class H2Connections {

  /** A connection and the streams leased on it. */
  public final class Slot {
    private final Future<HttpClientConnection> ready;
    private final boolean shared;
    private HttpClientConnection connection;
    private int streams;
    private boolean retired;

    private Slot(Future<HttpClientConnection> ready, boolean shared) {
      this.ready = ready;
      this.shared = shared;
    }

    /** The connection, once open. */
    public HttpClientConnection connection() {
      return connection;
    }

    private boolean hasRoom() {
      if (retired) {
        return false;
      }
      long limit =
          connection == null
              ? streamsPerConnection
              : Math.min(streamsPerConnection, connection.maxActiveStreams());
      return streams < limit;
    }
  }

  private final HttpClientAgent client;
  private final Endpoint endpoint;
  private final int streamsPerConnection;
  private final long connectTimeoutMs;
  private final HttpStreamClient.ConnectListener listener;
  private final List<Slot> slots = new ArrayList<>();
  private int opened;

  /**
   * @param client Vert.x's HTTP client set up for HTTP/2 (the run's TLS and ALPN, prior knowledge
   *     for cleartext)
   * @param listener told how long each new connection took to open
   */
  public H2Connections(
      HttpClientAgent client,
      Endpoint endpoint,
      int streamsPerConnection,
      long connectTimeoutMs,
      HttpStreamClient.ConnectListener listener) {
    this.client = client;
    this.endpoint = endpoint;
    this.streamsPerConnection = streamsPerConnection;
    this.connectTimeoutMs = connectTimeoutMs;
    this.listener = listener;
  }

  /**
   * A stream's place: on a shared connection with room, or a new one; with {@code shared} false on
   * a connection of its own, closed when the stream is released. Fails with {@link
   * ClientFailures.ConnectFailure} when the connection could not be opened.
   */
  public Future<Slot> acquire(boolean shared) {
    if (shared) {
      for (Slot s : slots) {
        if (s.hasRoom()) {
          s.streams++;
          return s.ready.map(c -> s);
        }
      }
    }
    Slot s = open(shared);
    s.streams = 1;
    return s.ready.map(c -> s);
  }

  /** The stream on {@code slot} is over: its place is free (a connection of its own closes). */
  public void release(Slot slot) {
    slot.streams--;
    if (!slot.shared || (slot.retired && slot.streams == 0)) {
      retire(slot);
      if (slot.connection != null) {
        slot.connection.close();
      }
    }
  }

  /** Connections opened so far (each counted once, when it is open). */
  public int opened() {
    return opened;
  }

  private Slot open(boolean shared) {
    long startNs = System.nanoTime();
    HttpConnectOptions options =
        new HttpConnectOptions()
            .setHost(endpoint.host())
            .setPort(endpoint.port())
            .setSsl(endpoint.ssl())
            .setProxyOptions(endpoint.proxy())
            .setConnectTimeout(connectTimeoutMs);
    Slot[] self = new Slot[1];
    Future<HttpClientConnection> ready =
        client
            .connect(options)
            .map(
                c -> {
                  Slot s = self[0];
                  s.connection = c;
                  opened++;
                  listener.connected(System.nanoTime() - startNs);
                  // The server is going away: finish the streams it took, start none here.
                  c.goAwayHandler(g -> retire(s));
                  c.shutdownHandler(v -> retire(s));
                  c.closeHandler(v -> retire(s));
                  return c;
                })
            .recover(
                err -> {
                  retire(self[0]);
                  return Future.failedFuture(new ClientFailures.ConnectFailure(err));
                });
    Slot s = new Slot(ready, shared);
    self[0] = s;
    if (ready.isComplete() && ready.failed()) {
      s.retired = true;
    } else if (shared) {
      slots.add(s);
    }
    return s;
  }

  private void retire(Slot s) {
    if (s == null) {
      return;
    }
    s.retired = true;
    slots.remove(s);
  }

  /** Closes every connection (the run is over). */
  public Future<Void> close() {
    List<Future<Void>> all = new ArrayList<>();
    for (Slot s : List.copyOf(slots)) {
      retire(s);
      if (s.connection != null) {
        all.add(s.connection.close());
      }
    }
    return Future.join(all).mapEmpty();
  }
}
