package dev.streamstorm.live.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.live.LiveSetup;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's server: browsers that do not keep up, foreign hosts, the stop button. */
class DashboardTest {
  private static final LiveSetup SETUP =
      new LiveSetup(
          "run-1",
          "chat",
          "chat.yaml",
          "http://127.0.0.1:1/v1/chat/completions",
          "sse",
          "openai-chat",
          Map.of("model", "closed", "vus", 10),
          List.of(),
          Duration.ZERO,
          Duration.ofSeconds(1),
          List.of(),
          "test");

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger stops = new AtomicInteger();
  private Dashboard dashboard;
  private String base;

  @BeforeEach
  void start() throws Exception {
    dashboard = Dashboard.start(SETUP, "127.0.0.1", 0, true);
    dashboard.onStop(stops::incrementAndGet);
    base = "http://127.0.0.1:" + dashboard.port();
  }

  @AfterEach
  void stop() {
    dashboard.close();
  }

  @Test
  void aBrowserThatDoesNotReadIsDroppedAndTheOthersGetEveryInterval() throws Exception {
    AtomicInteger intervals = new AtomicInteger();
    CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> reader =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(base + "/events")).build(),
            HttpResponse.BodyHandlers.ofLines());
    HttpResponse<java.util.stream.Stream<String>> events = reader.get(10, TimeUnit.SECONDS);
    Thread counting =
        new Thread(
            () ->
                events
                    .body()
                    .filter(l -> l.equals("event: interval"))
                    .forEach(l -> intervals.incrementAndGet()));
    counting.setDaemon(true);
    counting.start();
    try (Socket slow = new Socket()) {
      slow.setReceiveBufferSize(4096);
      slow.connect(new InetSocketAddress("127.0.0.1", dashboard.port()));
      OutputStream out = slow.getOutputStream();
      out.write(
          ("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + dashboard.port() + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(300);
      String padding = "x".repeat(256 * 1024);
      int frames = 80; // 20 MiB: far past the socket buffers and the 1 MiB queue
      for (int i = 0; i < frames; i++) {
        dashboard.publish("{\"i\":" + i + ",\"pad\":\"" + padding + "\"}");
        Thread.sleep(10);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (intervals.get() < frames && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(dashboard.droppedClients()).as("the browser that never read").isEqualTo(1);
      assertThat(intervals.get()).as("the browser that reads").isEqualTo(frames);
    }
  }

  @Test
  void aLateBrowserGetsTheWholeHistoryFirst() throws Exception {
    for (int i = 0; i < 3; i++) {
      dashboard.publish("{\"i\":" + i + "}");
    }
    Thread.sleep(200);
    HttpResponse<java.util.stream.Stream<String>> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/events")).build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    String history = r.body().filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
    assertThat(history).isEqualTo("data: {\"points\":[{\"i\":0},{\"i\":1},{\"i\":2}]}");
  }

  @Test
  void requestsForAnotherHostAreRefused() throws Exception {
    // What a page on another site would send after rebinding its name to 127.0.0.1.
    try (Socket s = new Socket("127.0.0.1", dashboard.port())) {
      s.getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 421");
    }
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
    assertThat(page.body()).contains("Content-Security-Policy", "connect-src &#39;self&#39;");
  }

  @Test
  void theStopButtonNeedsThePagesTokenAndStopsOnce() throws Exception {
    String page = get("/").body();
    Matcher m = Pattern.compile("\"token\":\"([0-9a-f]{32})\"").matcher(page);
    assertThat(m.find()).as("the page carries its token").isTrue();
    assertThat(post("/stop", null).statusCode()).isEqualTo(403);
    assertThat(post("/stop", "0".repeat(32)).statusCode()).isEqualTo(403);
    assertThat(post("/stop", m.group(1)).statusCode()).isEqualTo(202);
    assertThat(post("/stop", m.group(1)).statusCode()).isEqualTo(202);
    Thread.sleep(200);
    assertThat(stops.get()).isEqualTo(1);
  }

  @Test
  void theReportIsServedOnceTheRunHasEnded() throws Exception {
    assertThat(get("/report.html").statusCode()).isEqualTo(404);
    dashboard.finish("<!DOCTYPE html><title>report</title>", "duration");
    Thread.sleep(100);
    HttpResponse<String> r = get("/report.html?download=1");
    assertThat(r.body()).isEqualTo("<!DOCTYPE html><title>report</title>");
    assertThat(r.headers().firstValue("content-disposition").orElse("")).startsWith("attachment");
    HttpResponse<java.util.stream.Stream<String>> events =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/events")).build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(events.body().toList()).contains("event: end");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header(Dashboard.TOKEN_HEADER, token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
