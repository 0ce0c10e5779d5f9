package dev.streamstorm.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connection.protocol}, {@code streamsPerConnection}, {@code tls} and {@code proxy}: read
 * into the model, files relative to the scenario, and every mistake a scenario error at its key.
 */
class NetworkKeysTest {
  static final String HTTPS = "target: https://localhost:8443\nload: { vus: 1, duration: 1s }\n";
  static final String HTTP = "target: http://127.0.0.1:8080\nload: { vus: 1, duration: 1s }\n";

  @TempDir Path dir;
  Fixture f;
  TestCertificates server;

  @BeforeEach
  void setUp() throws Exception {
    f = new Fixture(dir);
    Files.createDirectories(dir.resolve("certs"));
    server = TestCertificates.create(dir.resolve("certs"), "server", "localhost");
  }

  @Test
  void defaultsAreHttp1WithTheJvmsTrustAndTheEnvironmentsProxy() {
    ConnectionSpec c = f.yaml(HTTP).connection();
    assertThat(c.protocol()).isEqualTo(HttpProtocol.HTTP1);
    assertThat(c.streamsPerConnection()).isEqualTo(100);
    assertThat(c.tls()).isEqualTo(TlsSpec.DEFAULT);
    assertThat(c.proxy()).isEqualTo(ProxySpec.FROM_ENVIRONMENT);
  }

  @Test
  void tlsFilesAreReadRelativeToTheScenario() throws Exception {
    TestCertificates client = TestCertificates.create(dir.resolve("certs"), "client", "me");
    ConnectionSpec c =
        f.yaml(
                HTTPS
                    + "connection:\n  tls:\n    ca: certs/server.crt\n"
                    + "    clientCert: certs/client.crt\n    clientKey: certs/client.key\n")
            .connection();
    assertThat(c.tls().ca().orElseThrow().text()).isEqualTo(Files.readString(server.cert()));
    assertThat(c.tls().ca().orElseThrow().path()).isEqualTo(server.cert().toString());
    assertThat(c.tls().clientKey().orElseThrow().text()).isEqualTo(Files.readString(client.key()));
    assertThat(c.tls().insecure()).isFalse();
    assertThat(c.tls().describeTrust()).isEqualTo("ca " + server.cert());
  }

  @Test
  void aTrustStoreOpensWithItsPasswordFromTheEnvironment() {
    server.trustStore(dir.resolve("trust.p12"), "changeit");
    f.env.put("TS_PASSWORD", "changeit");
    TlsSpec tls =
        f.yaml(
                HTTPS
                    + "connection:\n  tls: { trustStore: trust.p12,"
                    + " trustStorePassword: \"${env:TS_PASSWORD}\" }\n")
            .connection()
            .tls();
    assertThat(tls.trustStore().orElseThrow().type()).isEqualTo("PKCS12");
    assertThat(tls.trustStore().orElseThrow().password().orElseThrow().source())
        .isEqualTo("${env:TS_PASSWORD}");
  }

  @Test
  void insecureAndHttp2AndStreams() {
    ConnectionSpec c =
        f.yaml(
                HTTPS
                    + "connection: { protocol: h2, streamsPerConnection: 8,"
                    + " tls: { insecure: true } }\n")
            .connection();
    assertThat(c.protocol()).isEqualTo(HttpProtocol.H2);
    assertThat(c.streamsPerConnection()).isEqualTo(8);
    assertThat(c.tls().insecure()).isTrue();
    assertThat(c.tls().describeTrust()).startsWith("INSECURE");
    assertThat(f.yaml(HTTP + "connection: { protocol: h2c }\n").connection().protocol())
        .isEqualTo(HttpProtocol.H2C);
  }

  @Test
  void proxyForms() {
    ProxySpec url =
        f.yaml(HTTP + "connection: { proxy: \"socks5://127.0.0.1:1080\" }\n").connection().proxy();
    assertThat(url.url().orElseThrow().source()).isEqualTo("socks5://127.0.0.1:1080");
    assertThat(url.environment()).isTrue();
    assertThat(f.yaml(HTTP + "connection: { proxy: false }\n").connection().proxy())
        .isEqualTo(ProxySpec.NONE);
    f.env.put("PROXY_PASSWORD", "hunter22");
    ProxySpec map =
        f.yaml(
                HTTP
                    + "connection:\n  proxy:\n    url: http://proxy:3128\n    username: me\n"
                    + "    password: \"${env:PROXY_PASSWORD}\"\n    environment: false\n"
                    + "    noProxy: [internal.example, \"10.0.0.0/8\"]\n")
            .connection()
            .proxy();
    assertThat(map.environment()).isFalse();
    assertThat(map.noProxy()).isEqualTo(Optional.of("internal.example,10.0.0.0/8"));
    assertThat(map.password().orElseThrow().parts())
        .containsExactly(new Template.Env("PROXY_PASSWORD"));
  }

  @Test
  void missingAndWrongFilesAreErrorsAtTheirKey() throws Exception {
    assertThat(f.yamlError(HTTPS + "connection:\n  tls: { ca: nowhere.pem }\n"))
        .isEqualTo("s.yaml:4:14: connection.tls.ca: file not found: nowhere.pem");
    Files.writeString(dir.resolve("not-a-cert.pem"), "hello\n");
    assertThat(f.yamlError(HTTPS + "connection:\n  tls:\n    ca: not-a-cert.pem\n"))
        .isEqualTo(
            "s.yaml:5:9: connection.tls.ca: expected a PEM certificate file (-----BEGIN"
                + " CERTIFICATE-----), found none in not-a-cert.pem");
    assertThat(
            f.yamlError(
                HTTPS
                    + "connection:\n  tls:\n    clientCert: certs/server.key\n"
                    + "    clientKey: certs/server.key\n"))
        .startsWith("s.yaml:5:17: connection.tls.clientCert: expected a PEM certificate file");
    server.trustStore(dir.resolve("trust.p12"), "changeit");
    assertThat(
            f.yamlError(
                HTTPS
                    + "connection:\n  tls: { trustStore: trust.p12, trustStorePassword: nope }\n"))
        .isEqualTo(
            "s.yaml:4:22: connection.tls.trustStore: cannot open trust store trust.p12: wrong"
                + " trustStorePassword");
  }

  @Test
  void contradictionsAreErrors() {
    assertThat(
            f.yamlError(HTTPS + "connection:\n  tls: { ca: certs/server.crt, insecure: true }\n"))
        .isEqualTo(
            "s.yaml:4:42: connection.tls.insecure: insecure trusts every certificate, so ca would"
                + " be ignored; remove one");
    assertThat(f.yamlError(HTTPS + "connection:\n  tls: { clientCert: certs/server.crt }\n"))
        .isEqualTo(
            "s.yaml:4:22: connection.tls.clientCert: needs clientKey (its private key, PEM)"
                + " beside it");
    assertThat(f.yamlError(HTTP + "connection: { protocol: h2 }\n"))
        .isEqualTo(
            "s.yaml:3:25: connection.protocol: h2 is HTTP/2 over TLS and needs an https://"
                + " target; cleartext HTTP/2 is h2c");
    assertThat(f.yamlError(HTTPS + "connection: { protocol: h2c }\n"))
        .startsWith("s.yaml:3:25: connection.protocol: h2c is cleartext HTTP/2");
    assertThat(f.yamlError(HTTP + "protocol: websocket\nconnection: { protocol: h2c }\n"))
        .startsWith("s.yaml:4:25: connection.protocol: HTTP/2 carries SSE messages");
    assertThat(f.yamlError(HTTP + "connection: { protocol: h2c, maxConnections: 4 }\n"))
        .startsWith("s.yaml:3:46: connection.maxConnections: applies to HTTP/1.1");
    assertThat(f.yamlError(HTTP + "connection: { streamsPerConnection: 4 }\n"))
        .startsWith("s.yaml:3:37: connection.streamsPerConnection: applies to HTTP/2 only");
    assertThat(f.yamlError(HTTP + "connection: { protocol: h3 }\n"))
        .startsWith("s.yaml:3:25: connection.protocol: unknown protocol 'h3'");
  }

  @Test
  void badProxiesAreErrorsAndNeverShowTheirCredentials() {
    assertThat(f.yamlError(HTTP + "connection: { proxy: \"https://u:pw123456@p:443\" }\n"))
        .startsWith("s.yaml:3:22: connection.proxy (https://***@p:443): TLS to the proxy")
        .doesNotContain("pw123456");
    f.env.put("HTTPS_PROXY", "ftp://user:verysecret@proxy:21");
    assertThat(f.yamlError(HTTPS))
        .startsWith("HTTPS_PROXY (ftp://***@proxy:21): unsupported proxy scheme 'ftp'")
        .doesNotContain("verysecret");
    assertThat(f.yamlError(HTTPS + "connection: { proxy: { environment: false, username: x } }\n"))
        .startsWith("s.yaml:3:54: connection.proxy.username: credentials without a proxy");
  }
}
