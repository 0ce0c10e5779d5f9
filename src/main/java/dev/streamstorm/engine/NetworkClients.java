package dev.streamstorm.engine;

import dev.streamstorm.metrics.LoopRecorder;
import dev.streamstorm.protocol.Endpoint;
import dev.streamstorm.protocol.H2Connections;
import dev.streamstorm.protocol.H2StreamClient;
import dev.streamstorm.protocol.HttpMessageClient;
import dev.streamstorm.protocol.HttpStreamClient;
import dev.streamstorm.protocol.sse.ChunkCopy;
import dev.streamstorm.scenario.ConnectionSpec;
import dev.streamstorm.scenario.EnvContext;
import dev.streamstorm.scenario.ProxyChoice;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioException;
import dev.streamstorm.scenario.TlsSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.core.net.TrustOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The run's network clients, made once from the scenario: the NetClient under SSE messages and
 * session calls over HTTP/1.1, Vert.x's HTTP client for them over HTTP/2, the WebSocket client, all
 * with the scenario's TLS trust and client certificate, and the target's endpoint with the proxy
 * that reaches it. Proxies are set per connection (on the endpoint), not on the clients: the
 * warm-up's loopback server is reached directly.
 *
 * <p>With {@code connection.localAddresses} there is one NetClient and one WebSocket client per
 * source address (Vert.x binds a client's connections to the address its options name), and user n
 * takes the ((n - 1) mod addresses)th: each source address has its own ephemeral ports, which is
 * what lets one JVM hold more connections to one server address and port than that range (about
 * 28,000 with Linux's default). HTTP/2 multiplexes its messages on a few connections and takes the
 * system's choice.
 */
final class NetworkClients {
  private final List<NetClient> http;
  private final List<WebSocketClient> ws;

  /** The source addresses, in the order users take them; empty when the system chooses. */
  final List<String> localAddresses;

  final Endpoint endpoint;

  /** Vert.x's HTTP client for HTTP/2 (h2, h2c); null over HTTP/1.1. */
  final HttpClientAgent h2;

  private final int streamsPerConnection;
  private final long connectTimeoutMs;
  private final boolean reuse;

  private NetworkClients(
      List<NetClient> http,
      List<WebSocketClient> ws,
      List<String> localAddresses,
      Endpoint endpoint,
      HttpClientAgent h2,
      ConnectionSpec connection,
      long connectTimeoutMs) {
    this.http = http;
    this.ws = ws;
    this.localAddresses = localAddresses;
    this.endpoint = endpoint;
    this.h2 = h2;
    this.streamsPerConnection = connection.streamsPerConnection();
    this.reuse = connection.reuse();
    this.connectTimeoutMs = connectTimeoutMs;
  }

  /**
   * One event loop's HTTP/2 connections, telling {@code recorder} of each new one; null over
   * HTTP/1.1.
   */
  H2Connections h2Connections(LoopRecorder recorder) {
    return h2 == null
        ? null
        : new H2Connections(
            h2, endpoint, streamsPerConnection, connectTimeoutMs, recorder::recordConnect);
  }

  /**
   * A user's HTTP side: HTTP/1.1 on a connection of its own, or streams on its loop's HTTP/2 ones.
   */
  /** The TCP client of user {@code userId} (1-based): its source address's. */
  NetClient http(int userId) {
    return http.get(Math.floorMod(userId - 1, http.size()));
  }

  /** The WebSocket client of user {@code userId} (1-based): its source address's. */
  WebSocketClient ws(int userId) {
    return ws.get(Math.floorMod(userId - 1, ws.size()));
  }

  HttpMessageClient userClient(
      int userId,
      H2Connections loopConnections,
      int maxBodyBytes,
      ChunkCopy chunkCopy,
      HttpStreamClient.ConnectListener listener) {
    if (loopConnections != null) {
      return new H2StreamClient(loopConnections, endpoint, reuse, maxBodyBytes, chunkCopy);
    }
    return new HttpStreamClient(
        http(userId), endpoint, reuse, connectTimeoutMs, maxBodyBytes, chunkCopy, listener);
  }

  static NetworkClients create(
      Vertx vertx, Scenario scenario, URI target, Function<String, String> env) {
    int connectMs = (int) scenario.timeouts().connect().toMillis();
    Tls tls = Tls.of(vertx, scenario.connection().tls(), env);
    NetClientOptions netOptions =
        new NetClientOptions()
            .setTcpNoDelay(true)
            .setConnectTimeout(connectMs)
            // What an HTTPS client checks: the certificate names the host.
            .setHostnameVerificationAlgorithm(tls.insecure ? "" : "HTTPS");
    tls.applyTo(netOptions);
    WebSocketClientOptions wsOptions =
        new WebSocketClientOptions()
            .setMaxConnections(Integer.MAX_VALUE)
            // Frames and messages as long as the scenario allows; WsStreamClient fails a
            // longer one as too_large (Netty's frame limit is 64 KiB unless told).
            .setMaxFrameSize(scenario.websocket().maxMessageBytes())
            .setMaxMessageSize(scenario.websocket().maxMessageBytes())
            .setTcpNoDelay(true)
            .setConnectTimeout(connectMs)
            .setVerifyHost(!tls.insecure);
    tls.applyTo(wsOptions);
    List<String> addresses = scenario.connection().localAddresses();
    List<NetClient> nets = new ArrayList<>();
    List<WebSocketClient> sockets = new ArrayList<>();
    for (String local : addresses.isEmpty() ? Collections.<String>singletonList(null) : addresses) {
      nets.add(vertx.createNetClient(new NetClientOptions(netOptions).setLocalAddress(local)));
      sockets.add(
          vertx.createWebSocketClient(
              new WebSocketClientOptions(wsOptions).setLocalAddress(local)));
    }
    ProxyOptions proxy =
        NetworkRoute.proxy(scenario, target, env)
            .map(p -> proxyOptions(p, scenario.timeouts().connect()))
            .orElse(null);
    Endpoint endpoint = Endpoint.of(target).via(proxy);
    ConnectionSpec connection = scenario.connection();
    HttpClientAgent h2 = null;
    if (connection.protocol().multiplexed()) {
      HttpClientOptions h2Options =
          new HttpClientOptions()
              .setProtocolVersion(HttpVersion.HTTP_2)
              // h2: TLS, and ALPN offering h2 alone (a server without it refuses the handshake
              // instead of quietly answering in HTTP/1.1). h2c: cleartext with prior knowledge,
              // no Upgrade round trip.
              .setUseAlpn(true)
              .setAlpnVersions(List.of(HttpVersion.HTTP_2))
              .setHttp2ClearTextUpgrade(false)
              .setHttp2MultiplexingLimit(connection.streamsPerConnection())
              .setTcpNoDelay(true)
              .setConnectTimeout(connectMs)
              .setVerifyHost(!tls.insecure)
              // The host as TLS server name, localhost included (the JDK sends only dotted names).
              .setForceSni(endpoint.serverName() != null)
              // Content-Encoding is undone by the streams themselves, timed at arrival.
              .setDecompressionSupported(false);
      tls.applyTo(h2Options);
      h2 = vertx.httpClientBuilder().with(h2Options).build();
    }
    return new NetworkClients(
        List.copyOf(nets), List.copyOf(sockets), addresses, endpoint, h2, connection, connectMs);
  }

  Future<Void> close() {
    List<Future<?>> all = new ArrayList<>();
    http.forEach(c -> all.add(c.close()));
    ws.forEach(c -> all.add(c.close()));
    if (h2 != null) {
      all.add(h2.close());
    }
    return Future.join(all).mapEmpty();
  }

  static ProxyOptions proxyOptions(ProxyChoice.Proxy p, Duration connectTimeout) {
    ProxyOptions o =
        new ProxyOptions()
            .setType(p.type() == ProxyChoice.Type.SOCKS5 ? ProxyType.SOCKS5 : ProxyType.HTTP)
            .setHost(p.host())
            .setPort(p.port())
            // The tunnel is part of connecting: the same bound as the TCP connection.
            .setConnectTimeout(connectTimeout);
    if (p.username() != null) {
      // Vert.x authenticates only with both set; a user name alone has an empty password.
      o.setUsername(p.username()).setPassword(p.password() == null ? "" : p.password());
    }
    return o;
  }

  /** The scenario's TLS settings as Vert.x options, checked once by building their managers. */
  static final class Tls {
    final boolean insecure;
    final TrustOptions trust;
    final KeyCertOptions keyCert;

    private Tls(boolean insecure, TrustOptions trust, KeyCertOptions keyCert) {
      this.insecure = insecure;
      this.trust = trust;
      this.keyCert = keyCert;
    }

    static Tls of(Vertx vertx, TlsSpec spec, Function<String, String> env) {
      TrustOptions trust = null;
      String trustFrom = null;
      if (spec.ca().isPresent()) {
        trust = new PemTrustOptions().addCertValue(Buffer.buffer(spec.ca().get().text()));
        trustFrom = "connection.tls.ca (" + spec.ca().get().path() + ")";
      } else if (spec.trustStore().isPresent()) {
        TlsSpec.TrustStore ts = spec.trustStore().get();
        KeyStoreOptions ks =
            new KeyStoreOptions().setType(ts.type()).setValue(Buffer.buffer(ts.bytes()));
        ts.password().ifPresent(p -> ks.setPassword(p.render(new EnvContext(env))));
        trust = ks;
        trustFrom = "connection.tls.trustStore (" + ts.path() + ")";
      }
      KeyCertOptions keyCert = null;
      if (spec.clientCert().isPresent() && spec.clientKey().isPresent()) {
        keyCert =
            new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(spec.clientCert().get().text()))
                .setKeyValue(Buffer.buffer(spec.clientKey().get().text()));
      }
      // Vert.x builds these lazily, at the first TLS connection: a key it cannot use would then
      // fail every message as connect. Built here, it is one error before the run.
      try {
        if (trust != null) {
          trust.getTrustManagerFactory(vertx);
        }
      } catch (Exception e) {
        throw new ScenarioException(trustFrom + ": cannot trust it: " + e.getMessage());
      }
      try {
        if (keyCert != null) {
          keyCert.getKeyManagerFactory(vertx);
        }
      } catch (Exception e) {
        throw new ScenarioException(
            "connection.tls.clientCert/clientKey ("
                + spec.clientCert().get().path()
                + ", "
                + spec.clientKey().get().path()
                + "): cannot use them: "
                + e.getMessage());
      }
      return new Tls(spec.insecure(), trust, keyCert);
    }

    void applyTo(ClientOptionsBase o) {
      if (insecure) {
        o.setTrustAll(true);
      }
      if (trust != null) {
        o.setTrustOptions(trust);
      }
      if (keyCert != null) {
        o.setKeyCertOptions(keyCert);
      }
    }
  }
}
