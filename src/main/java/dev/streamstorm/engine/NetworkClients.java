package dev.streamstorm.engine;

import dev.streamstorm.protocol.Endpoint;
import dev.streamstorm.scenario.EnvContext;
import dev.streamstorm.scenario.ProxyChoice;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioException;
import dev.streamstorm.scenario.TlsSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
import java.util.function.Function;

/**
 * The run's network clients, made once from the scenario: the NetClient under SSE messages and
 * session calls (HTTP/1.1), the WebSocket client, with the scenario's TLS trust and client
 * certificate, and the target's endpoint with the proxy that reaches it. Proxies are set per
 * connection (on the endpoint), not on the clients: the warm-up's loopback server is reached
 * directly.
 */
final class NetworkClients {
  final NetClient http;
  final WebSocketClient ws;
  final Endpoint endpoint;

  private NetworkClients(NetClient http, WebSocketClient ws, Endpoint endpoint) {
    this.http = http;
    this.ws = ws;
    this.endpoint = endpoint;
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
    ProxyOptions proxy =
        NetworkRoute.proxy(scenario, target, env)
            .map(p -> proxyOptions(p, scenario.timeouts().connect()))
            .orElse(null);
    return new NetworkClients(
        vertx.createNetClient(netOptions),
        vertx.createWebSocketClient(wsOptions),
        Endpoint.of(target).via(proxy));
  }

  Future<Void> close() {
    return Future.join(http.close(), ws.close()).mapEmpty();
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
