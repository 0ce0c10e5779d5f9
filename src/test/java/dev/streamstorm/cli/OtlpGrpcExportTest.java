package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.benchserver.BenchServer;
import dev.streamstorm.benchserver.config.BenchServerConfig;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code run --otlp --otlp-protocol grpc}: the SDK's gRPC exporter talks to a minimal OTLP/gRPC
 * receiver in this JVM (HTTP/2 without TLS, one unary call: a length-prefixed message in, an empty
 * response and {@code grpc-status: 0} out).
 */
class OtlpGrpcExportTest {
  private static final String EXPORT =
      "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

  private static BenchServer server;
  private static Vertx vertx;
  private static HttpServer receiver;
  private static final List<ExportMetricsServiceRequest> received = new CopyOnWriteArrayList<>();

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
            .createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true))
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              if (EXPORT.equals(req.path()) && body.length() >= 5) {
                                int length = body.getInt(1); // after the compression flag
                                try {
                                  received.add(
                                      ExportMetricsServiceRequest.parseFrom(
                                          body.getBytes(5, 5 + length)));
                                } catch (Exception e) {
                                  req.response().setStatusCode(400).end();
                                  return;
                                }
                              }
                              req.response()
                                  .putHeader("content-type", "application/grpc")
                                  .putTrailer("grpc-status", "0")
                                  .end(Buffer.buffer(new byte[5])); // an empty response message
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
  void theGrpcExporterPushesTheTtftHistogram() throws Exception {
    try (CommandInBackground run =
        new CommandInBackground(
            "run",
            "--target",
            server.baseUrl() + "/v1/chat/completions",
            "--vus",
            "2",
            "--duration",
            "2s",
            "--quiet",
            "--otlp",
            "http://127.0.0.1:" + receiver.actualPort(),
            "--otlp-protocol",
            "grpc")) {
      assertThat(run.exitCode(Duration.ofSeconds(60))).as(run.err()).isZero();
    }
    assertThat(received).as("the final push at least").isNotEmpty();
    Metric ttft =
        received.get(received.size() - 1).getResourceMetrics(0).getScopeMetricsList().stream()
            .flatMap(s -> s.getMetricsList().stream())
            .filter(m -> m.getName().equals("streamstorm.ttft"))
            .findFirst()
            .orElseThrow();
    assertThat(ttft.getHistogram().getDataPointsList().stream().mapToLong(p -> p.getCount()).sum())
        .isPositive();
  }
}
