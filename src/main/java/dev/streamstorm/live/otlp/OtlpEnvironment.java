package dev.streamstorm.live.otlp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What the standard OpenTelemetry environment variables add to an OTLP push: headers for hosted
 * backends (an API key) and resource attributes. Read here rather than through the SDK's
 * autoconfiguration, which would also take over endpoints and readers the flags already set.
 */
public final class OtlpEnvironment {
  private OtlpEnvironment() {}

  /**
   * {@code OTEL_EXPORTER_OTLP_HEADERS}, then {@code OTEL_EXPORTER_OTLP_METRICS_HEADERS} over it:
   * {@code key=value,key2=value2}, values percent-encoded.
   */
  public static Map<String, String> headers(Function<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    out.putAll(pairs(env.apply("OTEL_EXPORTER_OTLP_HEADERS")));
    out.putAll(pairs(env.apply("OTEL_EXPORTER_OTLP_METRICS_HEADERS")));
    return out;
  }

  /** {@code OTEL_RESOURCE_ATTRIBUTES} (same form), and {@code OTEL_SERVICE_NAME} over it. */
  public static Map<String, String> resourceAttributes(Function<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>(pairs(env.apply("OTEL_RESOURCE_ATTRIBUTES")));
    String service = env.apply("OTEL_SERVICE_NAME");
    if (service != null && !service.isBlank()) {
      out.put("service.name", service.trim());
    }
    return out;
  }

  /** The W3C-baggage-like list the OpenTelemetry specification uses for both. */
  static Map<String, String> pairs(String list) {
    Map<String, String> out = new LinkedHashMap<>();
    if (list == null || list.isBlank()) {
      return out;
    }
    for (String item : list.split(",")) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        continue; // the specification says to skip what does not parse
      }
      String key = item.substring(0, eq).trim();
      String value = item.substring(eq + 1).trim();
      if (!key.isEmpty()) {
        out.put(key, URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
