package dev.streamstorm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection against a server that writes exact bytes: framing (chunked, sized, interim heads),
 * keep-alive and close, requests waiting their turn, and broken responses.
 */
class Http1ConnectionTest {
  private Vertx vertx;
  private NetServer server;

  /** What the server received, one string per read, in order. */
  private final List<String> received = new CopyOnWriteArrayList<>();

  private volatile Consumer<NetSocket> script;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aChunkedBodyArrivesAsItsChunksAndEnds() throws Exception {
    serve(
        so ->
            so.write(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "6\r\ndata: \r\n3\r\nab\n\r\n0\r\n\r\n"));

    Reader r = exchange(open(plainClient()), "/x").get();

    assertThat(r.status).isEqualTo(200);
    assertThat(r.body.toString()).isEqualTo("data: ab\n");
    assertThat(r.ended).isTrue();
  }

  @Test
  void theRequestCarriesHostContentLengthAndTheCallersHeaders() throws Exception {
    serve(so -> so.write("HTTP/1.1 204 No Content\r\n\r\n"));
    Http1Connection c = open(plainClient());

    exchange(c, "/v1/chat?a=1").get();

    String request = String.join("", received);
    assertThat(request)
        .startsWith("POST /v1/chat?a=1 HTTP/1.1\r\n")
        .contains("x-test: yes\r\n")
        .contains("host: 127.0.0.1:" + server.actualPort() + "\r\n")
        .contains("content-length: 2\r\n")
        .endsWith("\r\n\r\n{}");
  }

  @Test
  void anInterimHeadIsSkipped() throws Exception {
    serve(
        so ->
            so.write(
                "HTTP/1.1 100 Continue\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));

    Reader r = exchange(open(plainClient()), "/").get();

    assertThat(r.heads).isEqualTo(1);
    assertThat(r.status).isEqualTo(200);
    assertThat(r.body.toString()).isEqualTo("hello");
  }

  @Test
  void aRequestMadeWhileAResponseArrivesWaitsForItsEnd() throws Exception {
    AtomicLong firstEndWrittenNs = new AtomicLong();
    AtomicLong secondArrivedNs = new AtomicLong();
    serve(
        so -> {
          String last = received.get(received.size() - 1);
          if (last.contains(" /2 ")) {
            secondArrivedNs.set(System.nanoTime());
            so.write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nz");
          } else {
            // The first response's head, then its end a little later: the second request must
            // not reach the server before it.
            so.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n");
            vertx.setTimer(
                200,
                t -> {
                  firstEndWrittenNs.set(System.nanoTime());
                  so.write("0\r\n\r\n");
                });
          }
        });
    Http1Connection c = open(plainClient());

    Promise<Reader> first = Promise.promise();
    Promise<Reader> second = Promise.promise();
    Promise<Void> secondSent = Promise.promise();
    onLoop(
        () -> {
          send(c, "/1", first);
          c.send(request("/2"), new Reader(second)).onComplete(secondSent);
        });

    assertThat(get(first.future()).body.toString()).isEqualTo("ab");
    assertThat(get(second.future()).body.toString()).isEqualTo("z");
    assertThat(secondArrivedNs.get()).isGreaterThan(firstEndWrittenNs.get());
    assertThat(secondSent.future().succeeded()).isTrue();
  }

  @Test
  void connectionCloseEndsTheResponseThenTheConnection() throws Exception {
    serve(so -> so.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"));
    Http1Connection c = open(plainClient());

    Reader r = exchange(c, "/").get();

    assertThat(r.body.toString()).isEqualTo("ok");
    assertThat(c.isClosed()).isTrue();
    Promise<Void> sent = Promise.promise();
    onLoop(() -> c.send(request("/again"), new Reader(Promise.promise())).onComplete(sent));
    assertThat(sent.future().toCompletionStage().toCompletableFuture().handle((v, e) -> e).get())
        .isInstanceOf(HttpClosedException.class);
  }

  @Test
  void aBodyReadUntilCloseEndsAtTheClose() throws Exception {
    serve(so -> so.write("HTTP/1.1 200 OK\r\n\r\nall of it").onComplete(ar -> so.close()));

    Reader r = exchange(open(plainClient()), "/").get();

    assertThat(r.body.toString()).isEqualTo("all of it");
    assertThat(r.ended).isTrue();
  }

  @Test
  void aConnectionLostMidBodyFailsTheResponse() throws Exception {
    serve(
        so ->
            so.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n")
                .onComplete(ar -> so.close()));

    Throwable err = exchange(open(plainClient()), "/").failure();

    assertThat(err).isInstanceOf(HttpClosedException.class);
  }

  @Test
  void aMalformedChunkFailsTheResponseAndClosesTheConnection() throws Exception {
    serve(so -> so.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n"));
    Http1Connection c = open(plainClient());

    Throwable err = exchange(c, "/").failure();

    assertThat(err).isInstanceOf(NumberFormatException.class);
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void speaksTls() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    server =
        vertx.createNetServer(
            new NetServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()));
    script = so -> so.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret");
    listen();
    NetClient tls =
        vertx.createNetClient(
            new NetClientOptions()
                .setTrustOptions(cert.trustOptions())
                .setHostnameVerificationAlgorithm(""));
    Endpoint endpoint = Endpoint.of(URI.create("https://127.0.0.1:" + server.actualPort()));

    Http1Connection c = get(onLoopFuture(() -> Http1Connection.open(tls, endpoint, 5_000)));
    Reader r = exchange(c, "/").get();

    assertThat(r.body.toString()).isEqualTo("secret");
  }

  @Test
  void theAuthorityLeavesOutTheSchemesDefaultPort() {
    assertThat(Http1Connection.authority(Endpoint.of(URI.create("https://api.example.test/v1"))))
        .isEqualTo("api.example.test");
    assertThat(Http1Connection.authority(Endpoint.of(URI.create("http://h:8080"))))
        .isEqualTo("h:8080");
    assertThat(Http1Connection.authority(Endpoint.of(URI.create("http://[::1]:80"))))
        .isEqualTo("[::1]");
  }

  private void serve(Consumer<NetSocket> onRequest) throws Exception {
    server = vertx.createNetServer();
    script = onRequest;
    listen();
  }

  private void listen() throws Exception {
    server.connectHandler(
        so ->
            so.handler(
                buf -> {
                  received.add(buf.toString(StandardCharsets.ISO_8859_1));
                  script.accept(so);
                }));
    get(server.listen(0, "127.0.0.1"));
  }

  private NetClient plainClient() {
    return vertx.createNetClient();
  }

  private Http1Connection open(NetClient client) throws Exception {
    Endpoint endpoint = Endpoint.of(URI.create("http://127.0.0.1:" + server.actualPort()));
    return get(onLoopFuture(() -> Http1Connection.open(client, endpoint, 5_000)));
  }

  private HttpRequest request(String uri) {
    Endpoint endpoint = Endpoint.of(URI.create("http://127.0.0.1:" + server.actualPort()));
    return Http1Connection.request(
        HttpMethod.POST,
        uri,
        MultiMap.caseInsensitiveMultiMap().set("x-test", "yes"),
        Buffer.buffer("{}"),
        Http1Connection.authority(endpoint));
  }

  /** One request and its whole response, or its failure. */
  private Outcome exchange(Http1Connection c, String uri) throws Exception {
    Promise<Reader> done = Promise.promise();
    onLoop(() -> send(c, uri, done));
    return new Outcome(
        done.future()
            .toCompletionStage()
            .toCompletableFuture()
            .handle((r, e) -> new Object[] {r, e})
            .get(10, TimeUnit.SECONDS));
  }

  private void send(Http1Connection c, String uri, Promise<Reader> done) {
    c.send(request(uri), new Reader(done)).onFailure(done::tryFail);
  }

  private record Outcome(Object[] result) {
    Reader get() {
      assertThat((Throwable) result[1]).isNull();
      return (Reader) result[0];
    }

    Throwable failure() {
      assertThat(result[1]).isNotNull();
      return (Throwable) result[1];
    }
  }

  private void onLoop(Runnable r) {
    context().runOnContext(v -> r.run());
  }

  private <T> Future<T> onLoopFuture(Supplier<Future<T>> f) {
    Promise<T> p = Promise.promise();
    context().runOnContext(v -> f.get().onComplete(p));
    return p.future();
  }

  private Context loop;

  private Context context() {
    if (loop == null) {
      loop = vertx.getOrCreateContext();
    }
    return loop;
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static final class Reader implements Http1Connection.ResponseReader {
    final Promise<Reader> done;
    final StringBuilder body = new StringBuilder();
    int status;
    int heads;
    boolean ended;

    Reader(Promise<Reader> done) {
      this.done = done;
    }

    @Override
    public void onHead(HttpResponse head, long nowNs) {
      heads++;
      status = head.status().code();
    }

    @Override
    public void onContent(ByteBuf content, long nowNs) {
      body.append(content.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void onEnd(long nowNs) {
      ended = true;
      done.tryComplete(this);
    }

    @Override
    public void onFailure(Throwable err, long nowNs) {
      done.tryFail(err);
    }
  }
}
