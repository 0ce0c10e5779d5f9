package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.TestCertificates;
import dev.streamstorm.metrics.TraceLog;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ConsoleSummary;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against an HTTPS server this test starts on 127.0.0.1 with a certificate generated here for
 * {@code localhost}: trusted through {@code connection.tls.ca} (SSE, a session call, WebSocket),
 * untrusted, insecure, a host name the certificate does not name, and a server that requires a
 * client certificate. Every TLS failure fails its messages as {@code connect} with the reason from
 * the exception's causes.
 */
class TlsTest {
  @TempDir static Path dir;
  static TestCertificates server;
  static TestCertificates client;
  static StreamServer https;
  static StreamServer mutual;

  @BeforeAll
  static void start() throws Exception {
    server = TestCertificates.create(dir, "server", "localhost");
    client = TestCertificates.create(dir, "client", "streamstorm-client");
    PemKeyCertOptions key =
        new PemKeyCertOptions()
            .setCertPath(server.cert().toString())
            .setKeyPath(server.key().toString());
    https =
        new StreamServer(new HttpServerOptions().setSsl(true).setSni(true).setKeyCertOptions(key));
    mutual =
        new StreamServer(
            new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(key)
                .setClientAuth(ClientAuth.REQUIRED)
                .setTrustOptions(new PemTrustOptions().addCertPath(client.cert().toString())));
  }

  @AfterAll
  static void stop() throws Exception {
    https.close();
    mutual.close();
  }

  private static RunResults run(String target, String extra) throws Exception {
    return run(target, "openai-chat", extra);
  }

  private static RunResults run(String target, String preset, String extra) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("tls.yaml"),
            ("target: " + target + "\n")
                + ("preset: " + preset + "\n")
                + "load: { vus: 2, iterations: 2 }\n"
                + "timeouts: { connect: 5s, firstToken: 5s, message: 10s }\n"
                + extra);
    Scenario s =
        new ScenarioLoader(Map.<String, String>of()::get).load(file, ScenarioOverrides.none());
    URI url = s.target().url().orElseThrow();
    return RunHarness.run(s, url, TraceLog.NONE, 0, Map.<String, String>of()::get);
  }

  private static void allOk(RunResults r) {
    assertThat(r.messages().failed()).as("failed, errors %s", r.errorSamples()).isZero();
    assertThat(r.messages().ok()).isEqualTo(4);
  }

  private static void allConnectErrors(RunResults r, String reason) {
    assertThat(r.messages().ok()).isZero();
    assertThat(r.errors()).containsEntry("connect", 4L);
    assertThat(r.errorSamples())
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.message()).contains(reason));
  }

  @Test
  void aServerTrustedThroughCaStreamsAndHearsItsNameBySni() throws Exception {
    int before = https.requests.get();
    RunResults r =
        run(
            "https://localhost:" + https.port(),
            "connection:\n  tls: { ca: server.crt }\n"
                + "session: { request: { path: /session }, extract: { sid: /session_id } }\n");
    allOk(r);
    assertThat(r.sessions().failed()).isZero();
    assertThat(https.serverNames.subList(before, https.serverNames.size()))
        .isNotEmpty()
        .containsOnly("localhost");
    assertThat(r.run().network().tls()).isEqualTo("ca " + server.cert());
    assertThat(ConsoleSummary.render(r)).contains("network   TLS trusts ca " + server.cert());
  }

  @Test
  void aWebSocketOverTlsTrustsTheSameCa() throws Exception {
    allOk(
        run(
            "wss://localhost:" + https.port(),
            "websocket-json",
            "connection:\n  tls: { ca: server.crt }\n"));
    allConnectErrors(
        run("wss://localhost:" + https.port(), "websocket-json", ""),
        "unable to find valid certification path to requested target");
  }

  @Test
  void anUnknownCaFailsEveryMessageAsConnectAndSaysWhy() throws Exception {
    allConnectErrors(
        run("https://localhost:" + https.port(), ""),
        "unable to find valid certification path to requested target");
  }

  @Test
  void aHostNameTheCertificateDoesNotNameIsRefused() throws Exception {
    allConnectErrors(
        run("https://127.0.0.1:" + https.port(), "connection:\n  tls: { ca: server.crt }\n"),
        "No subject alternative names present");
  }

  @Test
  void insecureTrustsAnyCertificateAndTheSummarySaysSo() throws Exception {
    RunResults r =
        run("https://127.0.0.1:" + https.port(), "connection:\n  tls: { insecure: true }\n");
    allOk(r);
    assertThat(r.run().network().insecure()).isTrue();
    assertThat(ConsoleSummary.render(r)).contains("TLS INSECURE: any certificate");
  }

  @Test
  void aServerRequiringAClientCertificateRefusesARunWithoutOne() throws Exception {
    RunResults r =
        run("https://localhost:" + mutual.port(), "connection:\n  tls: { ca: server.crt }\n");
    assertThat(r.messages().ok()).isZero();
    assertThat(r.errors()).containsEntry("connect", 4L);
    assertThat(r.errorSamples())
        .allSatisfy(s -> assertThat(s.message()).contains("Received fatal alert: bad_certificate"));
  }

  @Test
  void aClientCertificateSatisfiesIt() throws Exception {
    RunResults r =
        run(
            "https://localhost:" + mutual.port(),
            "connection:\n  tls: { ca: server.crt, clientCert: client.crt, clientKey: client.key"
                + " }\n");
    allOk(r);
    assertThat(r.run().network().clientCertificate()).isTrue();
  }
}
