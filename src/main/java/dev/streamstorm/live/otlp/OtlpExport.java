package dev.streamstorm.live.otlp;

import dev.streamstorm.live.LiveFrame;
import dev.streamstorm.live.LiveSetup;
import dev.streamstorm.live.LiveSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporterBuilder;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code run --otlp}: the run's metrics pushed to an OpenTelemetry collector or a hosted backend by
 * the OpenTelemetry SDK: its periodic reader collects the latest frame (through {@link
 * FrameProducer}) every push interval on its own thread and its OTLP exporter sends it,
 * HTTP/protobuf or gRPC; closing pushes the final values. The resource names the test, the scenario
 * and the run.
 */
public final class OtlpExport implements LiveSink, AutoCloseable {
  private static final Duration SHUTDOWN = Duration.ofSeconds(10);

  private final FrameProducer producer;
  private final SdkMeterProvider provider;

  private OtlpExport(FrameProducer producer, SdkMeterProvider provider) {
    this.producer = producer;
    this.provider = provider;
  }

  /**
   * @param endpoint the collector: for HTTP its base URL ({@code /v1/metrics} is added when the URL
   *     has no path) or the full metrics URL; for gRPC its address
   * @param grpc gRPC instead of HTTP/protobuf
   * @param every push interval
   * @param env environment lookup for headers and resource attributes
   */
  public static OtlpExport start(
      LiveSetup setup, URI endpoint, boolean grpc, Duration every, Function<String, String> env) {
    Map<String, String> headers = OtlpEnvironment.headers(env);
    MetricExporter exporter;
    if (grpc) {
      OtlpGrpcMetricExporterBuilder b =
          OtlpGrpcMetricExporter.builder().setEndpoint(endpoint.toString());
      headers.forEach(b::addHeader);
      exporter = b.build();
    } else {
      OtlpHttpMetricExporterBuilder b =
          OtlpHttpMetricExporter.builder().setEndpoint(metricsUrl(endpoint));
      headers.forEach(b::addHeader);
      exporter = b.build();
    }
    FrameProducer producer = new FrameProducer(setup.version());
    SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .setResource(resource(setup, env))
            .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(every).build())
            .registerMetricProducer(producer)
            .build();
    return new OtlpExport(producer, provider);
  }

  /** The OTLP/HTTP metrics URL: a bare collector address gets the signal's path. */
  static String metricsUrl(URI endpoint) {
    String path = endpoint.getPath();
    String base = endpoint.toString().replaceAll("/+$", "");
    return path == null || path.isEmpty() || path.equals("/") ? base + "/v1/metrics" : base;
  }

  static Resource resource(LiveSetup setup, Function<String, String> env) {
    AttributesBuilder b =
        Attributes.builder()
            .put(AttributeKey.stringKey("service.name"), "streamstorm")
            .put(AttributeKey.stringKey("service.version"), setup.version())
            .put(AttributeKey.stringKey("service.instance.id"), setup.runId())
            .put(AttributeKey.stringKey("streamstorm.test"), setup.scenario())
            .put(AttributeKey.stringKey("streamstorm.scenario"), setup.source())
            .put(AttributeKey.stringKey("streamstorm.run.id"), setup.runId())
            .put(AttributeKey.stringKey("streamstorm.target"), setup.target());
    // The user's own attributes (OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME) win.
    OtlpEnvironment.resourceAttributes(env).forEach((k, v) -> b.put(AttributeKey.stringKey(k), v));
    return Resource.getDefault().merge(Resource.create(b.build()));
  }

  @Override
  public void onFrame(LiveFrame frame) {
    producer.update(frame);
  }

  /** Pushes the latest values now (the run's final ones once it has ended). */
  public void flush() {
    provider.forceFlush().join(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Pushes the latest values, then stops the reader. */
  @Override
  public void close() {
    provider.shutdown().join(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
  }
}
