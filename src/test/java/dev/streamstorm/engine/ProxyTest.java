package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.TestCertificates;
import dev.streamstorm.metrics.TraceLog;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ConsoleSummary;
import dev.streamstorm.report.ResultsJson;
import dev.streamstorm.report.html.HtmlReport;
import dev.streamstorm.scenario.Scenario;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traffic through an HTTP CONNECT proxy and a SOCKS5 proxy that the test starts on 127.0.0.1, each
 * counting the tunnels it opened: SSE, session calls and WebSocket, plain and TLS targets, from
 * {@code connection.proxy} and from the environment ({@code HTTPS_PROXY}, {@code ALL_PROXY}, {@code
 * NO_PROXY}); a proxy's credentials appear in no output.
 */
class ProxyTest {
  private static final String PROXY_PASSWORD = "pr0xy-s3cret";

  @TempDir static Path dir;
  static StreamServer plain;
  static StreamServer tls;
  static TestProxy connect;
  static TestProxy socks;
  static TestProxy guarded;

  @BeforeAll
  static void start() throws Exception {
    TestCertificates cert = TestCertificates.create(dir, "server", "localhost");
    plain = new StreamServer(new HttpServerOptions());
    tls =
        new StreamServer(
            new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(
                    new PemKeyCertOptions()
                        .setCertPath(cert.cert().toString())
                        .setKeyPath(cert.key().toString())));
    connect = new TestProxy(TestProxy.Kind.CONNECT, null, null);
    socks = new TestProxy(TestProxy.Kind.SOCKS5, "streamstorm", PROXY_PASSWORD);
    guarded = new TestProxy(TestProxy.Kind.CONNECT, "streamstorm", PROXY_PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {plain, tls, connect, socks, guarded}) {
      c.close();
    }
  }

  private static RunResults run(String target, String preset, String extra, Map<String, String> env)
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("proxy.yaml"),
            ("target: " + target + "\n")
                + ("preset: " + preset + "\n")
                + "load: { vus: 2, iterations: 2 }\n"
                + "timeouts: { connect: 5s, firstToken: 5s, message: 10s }\n"
                + extra);
    Scenario s = new ScenarioLoader(env::get).load(file, ScenarioOverrides.none());
    URI url = s.target().url().orElseThrow();
    return RunHarness.run(s, url, TraceLog.NONE, 0, env::get);
  }

  private static void allOk(RunResults r) {
    assertThat(r.messages().failed()).as("failed, errors %s", r.errorSamples()).isZero();
    assertThat(r.messages().ok()).isEqualTo(4);
  }

  @Test
  void sseAndSessionCallsGoThroughAnHttpConnectProxyFromTheScenario() throws Exception {
    int tunnels = connect.tunnels.get();
    int requests = plain.requests.get();
    RunResults r =
        run(
            "http://127.0.0.1:" + plain.port(),
            "openai-chat",
            "connection: { proxy: \"http://127.0.0.1:"
                + connect.port()
                + "\" }\n"
                + "session: { request: { path: /session }, extract: { sid: /session_id } }\n",
            Map.of());
    allOk(r);
    // One keep-alive connection per user, each a tunnel, carrying its session call and messages.
    assertThat(connect.tunnels.get() - tunnels).isEqualTo(2);
    assertThat(connect.targets).contains("127.0.0.1:" + plain.port());
    assertThat(plain.requests.get() - requests).isEqualTo(6);
    assertThat(r.run().network().proxy())
        .isEqualTo("http://127.0.0.1:" + connect.port() + " (from connection.proxy.url)");
  }

  @Test
  void tlsAndWebSocketGoThroughAnAuthenticatingSocks5ProxyFromAllProxy() throws Exception {
    Map<String, String> env =
        Map.of(
            "ALL_PROXY", "socks5h://streamstorm:" + PROXY_PASSWORD + "@127.0.0.1:" + socks.port());
    int tunnels = socks.tunnels.get();
    allOk(
        run(
            "https://localhost:" + tls.port(),
            "openai-chat",
            "connection: { tls: { ca: server.crt } }\n",
            env));
    assertThat(socks.tunnels.get() - tunnels).isEqualTo(2);
    // The proxy resolved the name: the client sent it, not an address.
    assertThat(socks.targets).contains("localhost:" + tls.port());
    tunnels = socks.tunnels.get();
    allOk(
        run(
            "wss://localhost:" + tls.port(),
            "websocket-json",
            "connection: { tls: { ca: server.crt } }\n",
            env));
    assertThat(socks.tunnels.get() - tunnels).isEqualTo(2);
    assertThat(socks.refused.get()).isZero();
  }

  @Test
  void httpsProxyFromTheEnvironmentAndNoProxyAndTheSwitchOff() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("https_proxy", "http://127.0.0.1:" + connect.port());
    int tunnels = connect.tunnels.get();
    String target = "https://localhost:" + tls.port();
    String tlsKeys = "connection: { tls: { ca: server.crt } }\n";
    allOk(run(target, "openai-chat", tlsKeys, env));
    assertThat(connect.tunnels.get() - tunnels).isEqualTo(2);

    // NO_PROXY names the host: direct. Loopback is not special otherwise (as in curl).
    env.put("NO_PROXY", "example.com, localhost");
    tunnels = connect.tunnels.get();
    allOk(run(target, "openai-chat", tlsKeys, env));
    assertThat(connect.tunnels.get()).isEqualTo(tunnels);

    env.remove("NO_PROXY");
    allOk(
        run(
            target,
            "openai-chat",
            "connection: { tls: { ca: server.crt }, proxy: { environment: false } }\n",
            env));
    allOk(
        run(target, "openai-chat", "connection: { tls: { ca: server.crt }, proxy: false }\n", env));
    assertThat(connect.tunnels.get()).isEqualTo(tunnels);
  }

  @Test
  void aProxysCredentialsAppearInNoOutput() throws Exception {
    Map<String, String> env = Map.of("PROXY_PASSWORD", PROXY_PASSWORD);
    String proxy =
        "connection:\n  proxy:\n    url: http://127.0.0.1:"
            + guarded.port()
            + "\n    username: streamstorm\n    password: \"${env:PROXY_PASSWORD}\"\n";
    RunResults ok = run("http://127.0.0.1:" + plain.port(), "openai-chat", proxy, env);
    allOk(ok);
    assertNoSecret(ok);

    // A wrong password: the proxy's 407 fails every message as connect, and says so without it.
    RunResults refused =
        run(
            "http://127.0.0.1:" + plain.port(),
            "openai-chat",
            proxy,
            Map.of("PROXY_PASSWORD", "not-the-" + PROXY_PASSWORD));
    assertThat(refused.errors()).containsEntry("connect", 4L);
    assertThat(refused.errorSamples()).allSatisfy(s -> assertThat(s.message()).contains("407"));
    assertNoSecret(refused);
  }

  private static void assertNoSecret(RunResults r) throws Exception {
    Path json = dir.resolve("results.json");
    ResultsJson.write(r, json);
    for (String output :
        new String[] {Files.readString(json), ConsoleSummary.render(r), HtmlReport.render(r)}) {
      assertThat(output).doesNotContain(PROXY_PASSWORD);
    }
  }
}
