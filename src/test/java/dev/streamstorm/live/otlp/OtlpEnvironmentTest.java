package dev.streamstorm.live.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry environment variables a hosted backend's instructions set. */
class OtlpEnvironmentTest {

  @Test
  void headersComeFromTheEnvironmentMetricsSpecificOnesWinning() {
    Map<String, String> env =
        Map.of(
            "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Basic%20abc%3D%3D, x-team = load ,bad",
            "OTEL_EXPORTER_OTLP_METRICS_HEADERS", "x-team=llm");
    assertThat(OtlpEnvironment.headers(env::get))
        .containsExactly(Map.entry("Authorization", "Basic abc=="), Map.entry("x-team", "llm"));
  }

  @Test
  void resourceAttributesAndServiceNameComeFromTheEnvironment() {
    Map<String, String> env =
        Map.of(
            "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=staging,team=llm",
            "OTEL_SERVICE_NAME", "nightly-load");
    assertThat(OtlpEnvironment.resourceAttributes(env::get))
        .containsEntry("deployment.environment", "staging")
        .containsEntry("service.name", "nightly-load");
    assertThat(OtlpEnvironment.headers(k -> null)).isEmpty();
  }

  @Test
  void aBareCollectorAddressGetsTheMetricsPath() {
    assertThat(OtlpExport.metricsUrl(URI.create("http://127.0.0.1:4318")))
        .isEqualTo("http://127.0.0.1:4318/v1/metrics");
    assertThat(OtlpExport.metricsUrl(URI.create("http://127.0.0.1:4318/")))
        .isEqualTo("http://127.0.0.1:4318/v1/metrics");
    assertThat(OtlpExport.metricsUrl(URI.create("https://otlp.example/otlp/v1/metrics")))
        .isEqualTo("https://otlp.example/otlp/v1/metrics");
  }
}
