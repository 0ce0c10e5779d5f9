package dev.streamstorm.benchserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.config.BenchServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * bench-server over HTTP/2: h2c on its cleartext port (prior knowledge), h2 by ALPN with a
 * certificate it generates ({@code tlsSelfSigned}), and the drop fault resetting one stream while
 * the other streams of its connection go on.
 */
class Http2Test {
  private static final String BODY =
      "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private Vertx vertx;
  private BenchServer server;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private BenchServer start(BenchServerConfig config) throws Exception {
    server =
        BenchServer.start(vertx, config, "127.0.0.1", 0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    return server;
  }

  private static BenchServerConfig fast() {
    return BenchServerConfig.fromMap(
        java.util.Map.of("ttft", "10ms", "itl", "5ms", "tokens", 3, "eventLoops", 1));
  }

  private HttpClientConnection connect(HttpClientOptions options, boolean ssl, String host)
      throws Exception {
    HttpClientAgent client = vertx.httpClientBuilder().with(options).build();
    return client
        .connect(new HttpConnectOptions().setHost(host).setPort(server.port()).setSsl(ssl))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static Future<HttpClientResponse> post(HttpClientConnection c, String path) {
    return c.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(path))
        .compose(r -> r.putHeader("content-type", "application/json").send(Buffer.buffer(BODY)));
  }

  private static String body(Future<HttpClientResponse> response) throws Exception {
    return response
        .compose(r -> r.body().map(b -> r.version() + " " + r.statusCode() + " " + b))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void cleartextSpeaksH2cWithPriorKnowledge() throws Exception {
    start(fast());
    HttpClientConnection c =
        connect(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false),
            false,
            "127.0.0.1");
    String answer = body(post(c, "/v1/chat/completions"));
    assertThat(answer).startsWith("HTTP_2 200 data: ").endsWith("data: [DONE]\n\n");
  }

  @Test
  void aGeneratedCertificateServesH2ByAlpn() throws Exception {
    start(fast().withTlsSelfSigned(true));
    assertThat(server.baseUrl()).startsWith("https://");
    Path cert = Path.of(server.certificateFile());
    assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----");
    HttpClientConnection c =
        connect(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setUseAlpn(true)
                .setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(cert.toString())),
            true,
            "localhost");
    assertThat(body(post(c, "/v1/chat/completions"))).startsWith("HTTP_2 200 data: ");
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    server = null;
    assertThat(cert).doesNotExist();
  }

  @Test
  void theDropFaultResetsOneStreamAndTheConnectionCarriesOn() throws Exception {
    start(fast());
    HttpClientConnection c =
        connect(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false),
            false,
            "127.0.0.1");
    Future<HttpClientResponse> dropped = post(c, "/v1/chat/completions?fault=drop&tokens=20");
    Future<HttpClientResponse> kept = post(c, "/v1/chat/completions?tokens=20&itl_ms=10");
    Throwable broken =
        dropped
            .compose(HttpClientResponse::body)
            .map(b -> (Throwable) null)
            .otherwise(e -> e)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertThat(broken).isInstanceOf(StreamResetException.class);
    assertThat(body(kept)).startsWith("HTTP_2 200 ").endsWith("data: [DONE]\n\n");
    assertThat(body(post(c, "/v1/chat/completions"))).startsWith("HTTP_2 200 ");
  }

  @Test
  void tlsOptionsMustComeTogether() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BenchServerConfig.fromMap(java.util.Map.of("tlsCert", "a.pem")))
        .hasMessageContaining("tlsCert and tlsKey go together");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                BenchServerConfig.fromMap(
                    java.util.Map.of("tlsCert", "a.pem", "tlsKey", "a.key", "tlsSelfSigned", true)))
        .hasMessageContaining("not both");
    assertThat(List.of(BenchServerConfig.defaults().tls())).containsExactly(false);
  }
}
