package dev.streamstorm.engine;

import dev.streamstorm.metrics.ErrorClass;
import dev.streamstorm.protocol.Endpoint;
import dev.streamstorm.protocol.Exchange;
import dev.streamstorm.protocol.ExchangeListener;
import dev.streamstorm.protocol.H2Connections;
import dev.streamstorm.protocol.H2StreamClient;
import dev.streamstorm.protocol.HttpMessageClient;
import dev.streamstorm.protocol.HttpStreamClient;
import dev.streamstorm.protocol.WsStreamClient;
import dev.streamstorm.protocol.sse.ChunkCopy;
import dev.streamstorm.protocol.stream.StreamInterpreter;
import dev.streamstorm.scenario.Protocol;
import dev.streamstorm.scenario.Scenario;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Warms the network client on every event loop before the clock starts: each loop streams one
 * synthetic message, in the scenario's wire format, from a throwaway server on loopback through the
 * real client, decoder and interpreter. The first exchange of a JVM loads and initialises a few
 * hundred classes (Netty's pipeline, the HTTP codec, the JSON parser); done here, that work no
 * longer lands on the first measured messages as hundreds of milliseconds of event-loop lag. No
 * traffic reaches the target. {@link HotPathWarmup} then compiles the per-message code.
 */
final class ClientWarmup {
  private static final long TIMEOUT_MS = 5_000;

  private ClientWarmup() {}

  /**
   * Completes when every loop has streamed its message (or gave up: it never fails the run). The
   * throwaway server listens where the first user's clients are bound (its first source address, or
   * 127.0.0.1), so that they can reach it whatever interface that address is on.
   */
  static Future<Void> run(
      Vertx vertx,
      Scenario scenario,
      StreamInterpreter interpreter,
      NetworkClients net,
      List<Context> loops) {
    String host = net.localAddresses.isEmpty() ? "127.0.0.1" : net.localAddresses.get(0);
    byte[] sse = SyntheticStream.sse(scenario.stream());
    List<String> frames = SyntheticStream.frames(scenario.stream());
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.response()
                        .putHeader("Content-Type", "text/event-stream")
                        .end(Buffer.buffer(sse)))
            .webSocketHandler(
                sock -> sock.textMessageHandler(msg -> frames.forEach(sock::writeTextMessage)));
    return server
        .listen(0, host)
        .compose(
            s -> {
              String authority = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
              Endpoint local =
                  Endpoint.of(URI.create("http://" + authority + ":" + s.actualPort()));
              List<Future<Void>> all = new ArrayList<>();
              for (Context loop : loops) {
                Promise<Void> done = Promise.promise();
                loop.runOnContext(
                    v -> exchange(scenario, interpreter.forThisLoop(), net, local, done));
                all.add(done.future());
              }
              return Future.join(all).timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            })
        .<Void>transform(ar -> server.close())
        .recover(err -> Future.succeededFuture());
  }

  private static void exchange(
      Scenario scenario,
      StreamInterpreter interpreter,
      NetworkClients net,
      Endpoint local,
      Promise<Void> done) {
    Listener listener = new Listener(done);
    if (scenario.protocol() == Protocol.WEBSOCKET) {
      WsStreamClient client =
          new WsStreamClient(
              net.ws(1),
              local,
              TIMEOUT_MS,
              scenario.websocket().maxMessageBytes(),
              new ChunkCopy(),
              nanos -> {});
      listener.exchange =
          client.stream("/", MultiMap.caseInsensitiveMultiMap(), "{}", interpreter, listener);
      done.future().onComplete(ar -> client.close());
    } else {
      // Over HTTP/2 the loopback server is spoken to in cleartext with prior knowledge (Vert.x's
      // server accepts it), through the run's HTTP/2 client: its classes are what get loaded.
      H2Connections h2 =
          net.h2 == null ? null : new H2Connections(net.h2, local, 1, TIMEOUT_MS, nanos -> {});
      HttpMessageClient client =
          h2 != null
              ? new H2StreamClient(
                  h2, local, true, scenario.connection().maxBodyBytes(), new ChunkCopy())
              : new HttpStreamClient(
                  net.http(1),
                  local,
                  false,
                  TIMEOUT_MS,
                  scenario.connection().maxBodyBytes(),
                  new ChunkCopy(),
                  nanos -> {});
      listener.exchange =
          client.stream(
              HttpMethod.POST,
              "/",
              MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/json"),
              Buffer.buffer("{}"),
              interpreter,
              listener);
      done.future()
          .onComplete(
              ar -> {
                client.close();
                if (h2 != null) {
                  h2.close();
                }
              });
    }
  }

  /** Ends the warm-up of one loop at the end of its message, whatever the outcome. */
  private static final class Listener implements ExchangeListener {
    private final Promise<Void> done;
    Exchange exchange;

    Listener(Promise<Void> done) {
      this.done = done;
    }

    @Override
    public void onHead(int status, String retryAfter, long nowNs) {}

    @Override
    public void onEnd(long nowNs) {
      done.tryComplete();
    }

    @Override
    public void onFailure(ErrorClass error, String message, long nowNs) {
      done.tryComplete();
    }

    @Override
    public void onToken(char[] text, int offset, int length, long arrivalNs) {}

    @Override
    public void onUsage(int slot, double value) {}

    @Override
    public void onDone(long arrivalNs) {
      if (exchange != null) {
        exchange.release();
      }
      done.tryComplete();
    }

    @Override
    public void onStreamError(String message, long arrivalNs) {
      done.tryComplete();
    }

    @Override
    public void onMalformed(String reason, long arrivalNs) {
      done.tryComplete();
    }
  }
}
