package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamstorm.benchserver.BenchServer;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --otlp}: an OTLP/HTTP receiver in this JVM takes what the SDK's exporter pushes,
 * decoded with the protocol's own classes.
 */
class OtlpExportTest {
  private static BenchServer server;
  private static Vertx vertx;
  private static HttpServer receiver;
  private static final List<ExportMetricsServiceRequest> received = new CopyOnWriteArrayList<>();

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
    vertx = Vertx.vertx();
    receiver =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              if (req.path().equals("/v1/metrics")) {
                                try {
                                  received.add(
                                      ExportMetricsServiceRequest.parseFrom(body.getBytes()));
                                } catch (Exception e) {
                                  req.response().setStatusCode(400).end();
                                  return;
                                }
                              }
                              req.response()
                                  .putHeader("content-type", "application/x-protobuf")
                                  .end();
                            }))
            .listen(0, "127.0.0.1")
            .await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void theFinalPushHoldsTheTtftHistogramOfEveryMessage() throws Exception {
    Path results = dir.resolve("results.json");
    try (CommandInBackground run =
        new CommandInBackground(
            "run",
            "--target",
            server.baseUrl() + "/v1/chat/completions",
            "--vus",
            "3",
            "--duration",
            "3s",
            "--quiet",
            "--otlp",
            "http://127.0.0.1:" + receiver.actualPort(),
            "--otlp-interval",
            "1s",
            "--out",
            results.toString())) {
      assertThat(run.exitCode(Duration.ofSeconds(60))).as(run.err()).isZero();
      assertThat(run.err()).contains("pushing metrics over OTLP (http/protobuf)");
    }
    assertThat(received.size()).as("a push every second and the final one").isGreaterThan(2);
    ResourceMetrics last = received.get(received.size() - 1).getResourceMetrics(0);
    Map<String, String> resource = attributes(last.getResource().getAttributesList());
    assertThat(resource)
        .containsEntry("service.name", "streamstorm")
        .containsEntry("streamstorm.test", "streamstorm")
        .containsKey("streamstorm.run.id")
        .containsEntry("streamstorm.target", server.baseUrl());
    Metric ttft = metric(last, "streamstorm.ttft");
    assertThat(ttft.getUnit()).isEqualTo("s");
    assertThat(ttft.getHistogram().getAggregationTemporality().name())
        .isEqualTo("AGGREGATION_TEMPORALITY_CUMULATIVE");
    long count =
        ttft.getHistogram().getDataPointsList().stream().mapToLong(p -> p.getCount()).sum();
    JsonNode json = new ObjectMapper().readTree(results.toFile());
    assertThat(count).isPositive();
    assertThat(count).isEqualTo(json.path("metrics").path("ttft").path("count").asLong());
    HistogramDataPoint p = ttft.getHistogram().getDataPoints(0);
    assertThat(attributes(p.getAttributesList())).containsEntry("conversation", "default");
    assertThat(p.getBucketCountsList().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(p.getCount());
    long ok =
        metric(last, "streamstorm.messages").getSum().getDataPointsList().stream()
            .filter(d -> "ok".equals(attributes(d.getAttributesList()).get("outcome")))
            .mapToLong(d -> d.getAsInt())
            .sum();
    assertThat(ok).isEqualTo(json.path("messages").path("ok").asLong());
  }

  private static Metric metric(ResourceMetrics rm, String name) {
    return rm.getScopeMetricsList().stream()
        .flatMap(s -> s.getMetricsList().stream())
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name));
  }

  private static Map<String, String> attributes(List<KeyValue> kvs) {
    Map<String, String> out = new java.util.HashMap<>();
    kvs.forEach(kv -> out.put(kv.getKey(), kv.getValue().getStringValue()));
    return out;
  }
}
