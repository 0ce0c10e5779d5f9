package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.benchserver.BenchServer;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --metrics-port}: /metrics scraped during a run and parsed by the Prometheus client's
 * own parser (its protobuf exposition, the format Prometheus asks for with native histograms).
 */
class PrometheusEndpointTest {
  private static final String PROTOBUF =
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

  private static BenchServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server =
        BenchServer.start(
                null,
                BenchServerConfig.fromMap(Map.of("ttft", "30ms", "itl", "5ms", "tokens", 8)),
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
  void aScrapeDuringTheRunCountsEveryFinishedMessageInTheTtftHistogram() throws Exception {
    Path results = dir.resolve("results.json");
    try (CommandInBackground run =
        new CommandInBackground(
            "run",
            "--target",
            server.baseUrl() + "/v1/chat/completions",
            "--vus",
            "4",
            "--duration",
            "5s",
            "--quiet",
            "--metrics-port",
            "0",
            "--metrics-linger",
            "3s",
            "--out",
            results.toString())) {
      String port =
          run.awaitErr(
              Pattern.compile("Prometheus metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics"),
              Duration.ofSeconds(30));
      URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");

      // Mid-run: wait for a few intervals, then scrape.
      List<Metrics.MetricFamily> mid = List.of();
      for (int i = 0; i < 100 && ttftCount(mid) < 20; i++) {
        Thread.sleep(100);
        mid = scrape(metrics);
      }
      assertThat(run.err()).as("still running").doesNotContain("stay up");
      // The run flips its histograms and reads its counters microseconds apart: a message that
      // ends in between is counted in one interval and measured in the next. That can split one
      // interval in many; the next interval then agrees again.
      if (ttftCount(mid) != messages(mid, "ok")) {
        Thread.sleep(1_100);
        mid = scrape(metrics);
      }
      long ttft = ttftCount(mid);
      assertThat(ttft).isPositive();
      assertThat(ttft).as("ttft count = messages ok so far").isEqualTo(messages(mid, "ok"));
      Metrics.MetricFamily ttftFamily = family(mid, "streamstorm_ttft_seconds");
      assertThat(ttftFamily.getType()).isEqualTo(Metrics.MetricType.HISTOGRAM);
      Metrics.Histogram h = ttftFamily.getMetric(0).getHistogram();
      assertThat(h.getSchema()).as("a native histogram").isEqualTo(3);
      assertThat(h.getBucketList()).as("classic buckets too").isNotEmpty();
      assertThat(labels(ttftFamily.getMetric(0)))
          .containsEntry("conversation", "default")
          .containsEntry("turn", "1");

      // The text formats, written by the client's own writers.
      String text = get(metrics, "text/plain");
      assertThat(text)
          .contains("# TYPE streamstorm_ttft_seconds histogram")
          .contains(
              "streamstorm_ttft_seconds_bucket{conversation=\"default\",turn=\"1\",le=\"0.04\"}")
          .contains(
              "streamstorm_messages_total{conversation=\"default\",outcome=\"ok\",turn=\"1\"}")
          .contains("streamstorm_run_info{");
      assertThat(get(metrics, "application/openmetrics-text; version=1.0.0")).endsWith("# EOF\n");

      // After the run: the endpoint lingers with the final values, equal to the results'.
      run.awaitErr(Pattern.compile("stay up for"), Duration.ofSeconds(60));
      JsonNode json = new ObjectMapper().readTree(results.toFile());
      List<Metrics.MetricFamily> last = scrape(metrics);
      assertThat(ttftCount(last))
          .isEqualTo(json.path("metrics").path("ttft").path("count").asLong());
      assertThat(messages(last, "ok")).isEqualTo(json.path("messages").path("ok").asLong());
      assertThat(
              family(last, "streamstorm_output_tokens_total").getMetric(0).getCounter().getValue())
          .isEqualTo(json.path("messages").path("ok").asLong() * 8.0);
    }
  }

  private List<Metrics.MetricFamily> scrape(URI uri) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(uri).header("Accept", PROTOBUF).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).contains("protobuf");
    List<Metrics.MetricFamily> out = new ArrayList<>();
    InputStream in = new ByteArrayInputStream(r.body());
    Metrics.MetricFamily f;
    while ((f = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
      out.add(f);
    }
    return out;
  }

  private String get(URI uri, String accept) throws Exception {
    return http.send(
            HttpRequest.newBuilder(uri).header("Accept", accept).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static Metrics.MetricFamily family(List<Metrics.MetricFamily> all, String name) {
    return all.stream()
        .filter(f -> f.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name));
  }

  private static long ttftCount(List<Metrics.MetricFamily> all) {
    return all.stream()
        .filter(f -> f.getName().equals("streamstorm_ttft_seconds"))
        .flatMap(f -> f.getMetricList().stream())
        .mapToLong(m -> m.getHistogram().getSampleCount())
        .sum();
  }

  private static long messages(List<Metrics.MetricFamily> all, String outcome) {
    return Math.round(
        family(all, "streamstorm_messages_total").getMetricList().stream()
            .filter(m -> outcome.equals(labels(m).get("outcome")))
            .mapToDouble(m -> m.getCounter().getValue())
            .sum());
  }

  private static Map<String, String> labels(Metrics.Metric m) {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    m.getLabelList().forEach(l -> out.put(l.getName(), l.getValue()));
    return out;
  }
}
