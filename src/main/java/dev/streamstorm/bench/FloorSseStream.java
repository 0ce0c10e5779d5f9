package dev.streamstorm.bench;

import io.netty.util.ByteProcessor;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;

/** SSE over one keep-alive HTTP/1.1 connection; counts {@code \n\n} event ends. */
final class FloorSseStream extends FloorStream implements ByteProcessor {
  private final Buffer body = Buffer.buffer(Workload.sseBody());
  private HttpClientConnection connection;
  private boolean lastWasNewline;

  /** Events of the current message seen so far, up to 2; 3 once its first token is stamped. */
  private int eventsOfMessage;

  FloorSseStream(FloorShared shared, int index) {
    super(shared, index);
  }

  @Override
  void open() {
    if (shared.stopped) {
      return;
    }
    if (shared.h2 != null) {
      send();
      return;
    }
    long connectNs = System.nanoTime();
    shared
        .http
        .connect(
            new HttpConnectOptions()
                .setHost(shared.target.getHost())
                .setPort(shared.target.getPort()))
        .onSuccess(
            c -> {
              connected(connectNs);
              connection = c;
              send();
            })
        .onFailure(err -> failedThenRetry());
  }

  private void send() {
    if (shared.stopped || !begin()) {
      return;
    }
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .set("Content-Type", "application/json")
            .set("Accept", "text/event-stream")
            .set("X-Request-Id", nextRequestId());
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setURI(shared.workload.ssePath())
            .setHeaders(headers);
    (shared.h2 != null ? shared.h2.request(request) : connection.request(request))
        .compose(req -> req.send(body))
        .onSuccess(this::onResponse)
        .onFailure(err -> dropped());
  }

  private void onResponse(HttpClientResponse resp) {
    firstByteArrived(System.nanoTime());
    eventsOfMessage = 0;
    resp.handler(
        buf -> {
          ((BufferInternal) buf).getByteBuf().forEachByte(this);
          if (eventsOfMessage == 2) {
            // Stamped after the scan, once per message: the floor pays for no clock read it
            // does not need (its error is then a few tens of nanoseconds pessimistic).
            eventsOfMessage++;
            firstTokenArrived(System.nanoTime());
          }
        });
    resp.exceptionHandler(err -> dropped());
    resp.endHandler(
        v -> {
          ended();
          shared.ok.increment();
          send();
        });
  }

  @Override
  public boolean process(byte value) {
    if (value == '\n') {
      if (lastWasNewline && eventsOfMessage < 2) {
        eventsOfMessage++;
      }
      lastWasNewline = true;
    } else {
      lastWasNewline = false;
    }
    return true;
  }

  private void dropped() {
    HttpClientConnection c = connection;
    connection = null;
    if (c != null) {
      c.close();
    }
    failedThenRetry();
  }
}
