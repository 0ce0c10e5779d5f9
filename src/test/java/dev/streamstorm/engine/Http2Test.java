package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.TestCertificates;
import dev.streamstorm.metrics.TraceLog;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ConsoleSummary;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 against a server this test starts (h2c with prior knowledge, and h2 by ALPN over TLS):
 * messages and session calls on shared connections (fewer connections than users, counted on both
 * sides), error statuses, a stream the server resets, GOAWAY (a stream the server finished, and one
 * it refused unprocessed), a too-large event, a first-token timeout, and a server that will not
 * speak h2. A stream's failure resets that stream only: its connection carries on.
 */
class Http2Test {
  @TempDir static Path dir;
  static StreamServer h2c;
  static StreamServer h2;
  static StreamServer http1Only;

  @BeforeAll
  static void start() throws Exception {
    TestCertificates cert = TestCertificates.create(dir, "server", "localhost");
    PemKeyCertOptions key =
        new PemKeyCertOptions()
            .setCertPath(cert.cert().toString())
            .setKeyPath(cert.key().toString());
    h2c = new StreamServer(new HttpServerOptions());
    h2 =
        new StreamServer(
            new HttpServerOptions()
                .setSsl(true)
                .setUseAlpn(true)
                .setSni(true)
                .setKeyCertOptions(key));
    http1Only =
        new StreamServer(
            new HttpServerOptions()
                .setSsl(true)
                .setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_1_1))
                .setKeyCertOptions(key));
  }

  @AfterAll
  static void stop() throws Exception {
    h2c.close();
    h2.close();
    http1Only.close();
  }

  private static RunResults run(String target, String yaml) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("h2.yaml"), "target: " + target + "\npreset: openai-chat\n" + yaml);
    Scenario s =
        new ScenarioLoader(Map.<String, String>of()::get).load(file, ScenarioOverrides.none());
    URI url = s.target().url().orElseThrow();
    return RunHarness.run(s, url, TraceLog.NONE, 0, Map.<String, String>of()::get);
  }

  private static String h2cTarget() {
    return "http://127.0.0.1:" + h2c.port();
  }

  @Test
  void twentyUsersShareAFewConnectionsOverH2c() throws Exception {
    int connections = h2c.connections.get();
    int requests = h2c.requests.get();
    RunResults r =
        run(
            h2cTarget(),
            "connection: { protocol: h2c, streamsPerConnection: 10 }\n"
                + "session: { request: { path: /session }, extract: { sid: /session_id } }\n"
                + "load: { vus: 20, iterations: 3 }\n");
    assertThat(r.messages().failed()).as("errors %s", r.errorSamples()).isZero();
    assertThat(r.messages().ok()).isEqualTo(60);
    assertThat(r.sessions().failed()).isZero();
    assertThat(r.metrics().get("tokens").p50()).isEqualTo(2);
    assertThat(h2c.requests.get() - requests).isEqualTo(80);
    // 20 users on 2 event loops, 10 streams a connection: a connection or two per loop (a user
    // whose stream is still ending may briefly hold a place), never one per user.
    long opened = r.metrics().get("connect").count();
    assertThat(opened).isBetween(2L, 6L);
    assertThat(h2c.connections.get() - connections).isEqualTo((int) opened);
    assertThat(h2c.versions).contains("h2");
    assertThat(r.run().network().http()).isEqualTo("h2c");
    assertThat(ConsoleSummary.render(r)).contains("network   h2c");
  }

  @Test
  void withoutReuseEachMessageHasAConnectionOfItsOwn() throws Exception {
    RunResults r =
        run(
            h2cTarget(),
            "connection: { protocol: h2c, reuse: false }\nload: { vus: 2, iterations: 3 }\n");
    assertThat(r.messages().ok()).isEqualTo(6);
    assertThat(r.metrics().get("connect").count()).isEqualTo(6);
  }

  @Test
  void h2OverTlsIsAgreedByAlpnWithTheHostAsServerName() throws Exception {
    int before = h2.requests.get();
    RunResults r =
        run(
            "https://localhost:" + h2.port(),
            "connection: { protocol: h2, tls: { ca: server.crt } }\nload: { vus: 4, iterations: 2 }\n");
    assertThat(r.messages().failed()).as("errors %s", r.errorSamples()).isZero();
    assertThat(r.messages().ok()).isEqualTo(8);
    assertThat(h2.versions.subList(before, h2.versions.size())).containsOnly("h2");
    assertThat(h2.serverNames.subList(before, h2.serverNames.size())).containsOnly("localhost");
  }

  @Test
  void aServerThatWillNotSpeakH2IsAConnectError() throws Exception {
    RunResults r =
        run(
            "https://localhost:" + http1Only.port(),
            "connection: { protocol: h2, tls: { ca: server.crt } }\nload: { vus: 1, iterations: 2 }\n");
    assertThat(r.errors()).containsEntry("connect", 2L);
    assertThat(r.errorSamples())
        .allSatisfy(s -> assertThat(s.message()).contains("no_application_protocol"));
  }

  @Test
  void errorStatusesKeepTheirClasses() throws Exception {
    for (String status : new String[] {"429", "500", "404"}) {
      RunResults r =
          run(
              h2cTarget(),
              "connection: { protocol: h2c }\nrequest: { path: /status/"
                  + status
                  + " }\nload: { vus: 2, iterations: 2 }\n");
      String expected = status.equals("429") ? "http_429" : "http_" + status.charAt(0) + "xx";
      assertThat(r.errors()).as(status).containsEntry(expected, 4L);
      assertThat(r.errorSamples())
          .allSatisfy(
              s -> assertThat(s.message()).startsWith("HTTP " + status + ": {\"error\":\"refused"));
    }
  }

  @Test
  void aResetStreamIsStreamBrokenAndItsConnectionLivesOn() throws Exception {
    RunResults r =
        run(
            h2cTarget(),
            "connection: { protocol: h2c }\nrequest: { path: /reset }\nload: { vus: 4, iterations: 3 }\n");
    assertThat(r.errors()).containsEntry("stream_broken", 12L);
    assertThat(r.errorSamples())
        .allSatisfy(
            s -> assertThat(s.message()).contains("the server reset the stream (RST_STREAM"));
    // Twelve broken streams, and still a connection per loop (two loops).
    assertThat(r.metrics().get("connect").count()).isLessThanOrEqualTo(2);
  }

  @Test
  void aStreamKeptOpenAfterItsDoneMarkerIsChargedToNoMessageAndIsResetLater() throws Exception {
    int cutBefore = h2c.lingerCut.get();
    RunResults r =
        run(
            h2cTarget(),
            "connection: { protocol: h2c }\nrequest: { path: /linger }\n"
                + "load: { vus: 2, iterations: 3 }\n");
    assertThat(r.messages().failed()).as("errors %s", r.errorSamples()).isZero();
    assertThat(r.messages().ok()).isEqualTo(6);
    // Each message is over at its [DONE]: nothing of the open stream (a comment every 200 ms, a
    // 2 s release grace) is in any message's time, nor in the next message's.
    assertThat(r.metrics().get("e2e").max()).isLessThan(1_000.0);
    // Every stream left open was reset by the client: by the next message's release, the grace,
    // or the run's end.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (h2c.lingerCut.get() - cutBefore < 6 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(h2c.lingerCut.get() - cutBefore).isEqualTo(6);
  }

  @Test
  void goAwayFinishesTheStreamsItNamesAndNewOnesTakeAnotherConnection() throws Exception {
    RunResults r =
        run(
            h2cTarget(),
            "connection: { protocol: h2c }\nrequest: { path: /goaway }\nload: { vus: 1, iterations: 4 }\n");
    assertThat(r.messages().failed()).as("errors %s", r.errorSamples()).isZero();
    assertThat(r.messages().ok()).isEqualTo(4);
    // Each message's stream was the last its connection took.
    assertThat(r.metrics().get("connect").count()).isEqualTo(4);
  }

  @Test
  void aStreamAboveGoAwaysLastIsSentAgainOnAnotherConnection() throws Exception {
    RunResults r =
        run(
            h2cTarget(),
            "connection: { protocol: h2c }\nrequest: { path: /goaway-refuse }\n"
                + "load: { vus: 1, iterations: 2 }\n");
    assertThat(r.messages().failed()).as("errors %s", r.errorSamples()).isZero();
    assertThat(r.messages().ok()).isEqualTo(2);
    assertThat(r.metrics().get("connect").count()).isEqualTo(2);
  }

  @Test
  void aTooLargeEventResetsItsStreamOnly() throws Exception {
    RunResults r =
        run(
            h2cTarget(),
            "connection: { protocol: h2c }\nrequest: { path: /huge }\n"
                + "stream: { maxEventBytes: 1MiB }\nload: { vus: 2, iterations: 2 }\n");
    assertThat(r.errors()).containsEntry("too_large", 4L);
    assertThat(r.metrics().get("connect").count()).isLessThanOrEqualTo(2);
  }

  @Test
  void aFirstTokenTimeoutResetsItsStreamOnly() throws Exception {
    RunResults r =
        run(
            h2cTarget(),
            "connection: { protocol: h2c }\nrequest: { path: /slow }\n"
                + "timeouts: { firstToken: 300ms, message: 2s }\nload: { vus: 2, iterations: 2 }\n");
    assertThat(r.errors()).containsEntry("timeout_first_token", 4L);
    assertThat(r.metrics().get("connect").count()).isLessThanOrEqualTo(2);
  }
}
