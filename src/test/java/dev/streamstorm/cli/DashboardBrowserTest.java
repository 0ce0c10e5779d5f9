package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.benchserver.BenchServer;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --dashboard --dashboard-control} watched by a real headless Chromium: the page's
 * charts gain points while the run goes, its stop button's request ends the run gracefully, and the
 * page then links the final report, the very bytes {@code --html} wrote.
 *
 * <p>Chromium is Debian's package; .ci/run installs it. Under CI its absence fails this test; on a
 * developer's machine without it the test is skipped with a note.
 */
class DashboardBrowserTest {
  private static BenchServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server =
        BenchServer.start(
                null,
                BenchServerConfig.fromMap(Map.of("ttft", "150ms", "itl", "15ms", "tokens", 30)),
                "127.0.0.1",
                0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void theChartsUpdateWhileTheRunGoesAndTheEndLinksTheReport() throws Exception {
    Path chromium = chromium();
    Path results = dir.resolve("results.json");
    Path html = dir.resolve("report.html");
    try (CommandInBackground run =
        new CommandInBackground(
            "run",
            "--target",
            server.baseUrl() + "/v1/chat/completions",
            "--vus",
            "8",
            "--duration",
            "60s",
            "--quiet",
            "--threshold",
            "ttft p95 < 2s",
            "--dashboard",
            "--dashboard-control",
            "--metrics-linger",
            "10s",
            "--html",
            html.toString(),
            "--out",
            results.toString())) {
      String port =
          run.awaitErr(
              Pattern.compile("live dashboard at http://127\\.0\\.0\\.1:(\\d+)/"),
              Duration.ofSeconds(30));
      String url = "http://127.0.0.1:" + port + "/";
      try (Chromium browser = Chromium.open(chromium, url, 1280, 2000)) {
        browser.await("document.body.getAttribute('data-intervals') >= 2", Duration.ofSeconds(30));
        int first = intervals(browser);
        assertThat(browser.evaluate("document.getElementById('live-state').textContent"))
            .isEqualTo("● running");
        assertThat(browser.evaluate("document.querySelectorAll('.uplot canvas').length"))
            .as("a canvas per time chart")
            .isEqualTo("8");
        browser.await(
            "document.body.getAttribute('data-intervals') >= " + (first + 2),
            Duration.ofSeconds(30));
        assertThat(intervals(browser)).as("points added while the run goes").isGreaterThan(first);
        assertThat(browser.evaluate("document.body.hasAttribute('data-ended')")).isEqualTo("false");
        assertThat(browser.evaluate("document.querySelector('#live-thresholds td').textContent"))
            .isEqualTo("✓ pass");
        String screenshot = System.getProperty("streamstorm.dashboardScreenshot");
        if (screenshot != null) {
          Files.write(Path.of(screenshot), browser.screenshot());
        }

        // The stop button, as the page sends it: graceful, like Ctrl-C.
        browser.evaluate("document.getElementById('live-stop').click()");
        browser.await("document.body.getAttribute('data-ended')", Duration.ofSeconds(60));
        assertThat(browser.evaluate("document.body.getAttribute('data-ended')"))
            .isEqualTo("interrupted");
        browser.await(
            "document.getElementById('live-report').href.startsWith('blob:')",
            Duration.ofSeconds(30));
      }
      run.awaitErr(Pattern.compile("stay up for"), Duration.ofSeconds(60));
      String served = get(url + "report.html");
      assertThat(served).isEqualTo(Files.readString(html));
      assertThat(run.exitCode(Duration.ofSeconds(60))).isEqualTo(ExitCodes.FAILURE);
      assertThat(run.err()).contains("stopping: finishing messages in flight");
    }
    JsonNode json = new ObjectMapper().readTree(results.toFile());
    assertThat(json.path("run").path("endReason").asText()).isEqualTo("interrupted");
  }

  private static int intervals(Chromium browser) throws Exception {
    return Integer.parseInt(browser.evaluate("document.body.getAttribute('data-intervals')"));
  }

  private String get(String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Debian's chromium; required under CI (.ci/run installs it). */
  private static Path chromium() {
    var found = Chromium.find();
    if (found.isEmpty()) {
      if (System.getenv("CI") != null) {
        fail("chromium is not installed: .ci/run installs it (apt-get install -y chromium)");
      }
      assumeTrue(false, "chromium is not installed (apt-get install -y chromium)");
    }
    return found.get();
  }
}
