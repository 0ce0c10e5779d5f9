package dev.streamstorm.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The live outputs of {@code run}: dashboard, Prometheus endpoint, OTLP push
 * (docs/observability.md).
 */
final class LiveOptions {
  /** What {@code --dashboard} alone means: a free port on loopback. */
  static final String ANY_LOOPBACK_PORT = HostPort.LOOPBACK + ":0";

  @Option(
      names = "--dashboard",
      paramLabel = "[HOST:]PORT",
      parameterConsumer = OptionalAddress.class,
      description =
          "Serve a live dashboard while the run goes (default 127.0.0.1 on a free port, printed"
              + " at start).")
  String dashboard;

  @Option(
      names = "--dashboard-control",
      description = "Add a button to the dashboard that stops the run gracefully (like Ctrl-C).")
  boolean dashboardControl;

  @Option(
      names = "--metrics-port",
      paramLabel = "[HOST:]PORT",
      description = "Serve /metrics for Prometheus while the run goes (host default 127.0.0.1).")
  String metricsPort;

  @Option(
      names = "--metrics-linger",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Keep /metrics (and the dashboard) up this long after the run (default 0s).")
  Duration metricsLinger = Duration.ZERO;

  @Option(
      names = "--otlp",
      paramLabel = "ENDPOINT",
      description =
          "Push the metrics over OTLP to this collector, e.g. http://127.0.0.1:4318 (headers from"
              + " OTEL_EXPORTER_OTLP_HEADERS).")
  URI otlp;

  @Option(
      names = "--otlp-protocol",
      paramLabel = "P",
      description = "http/protobuf (the default) or grpc.")
  String otlpProtocol = "http/protobuf";

  @Option(
      names = "--otlp-interval",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How often to push over OTLP (default 10s; the final values at the end).")
  Duration otlpInterval = Duration.ofSeconds(10);

  boolean any() {
    return dashboard != null || metricsPort != null || otlp != null;
  }

  void check() {
    if (dashboardControl && dashboard == null) {
      throw new UsageException("--dashboard-control needs --dashboard");
    }
    if (metricsLinger.isNegative()) {
      throw new UsageException("--metrics-linger: expected a duration like 30s");
    }
    if (!"http/protobuf".equals(otlpProtocol) && !"grpc".equals(otlpProtocol)) {
      throw new UsageException(
          "--otlp-protocol: expected http/protobuf or grpc, got '" + otlpProtocol + "'");
    }
    if (otlpInterval.isNegative() || otlpInterval.isZero()) {
      throw new UsageException("--otlp-interval: expected a positive duration like 10s");
    }
    if (otlp != null
        && (otlp.getScheme() == null
            || !(otlp.getScheme().equals("http") || otlp.getScheme().equals("https"))
            || otlp.getHost() == null)) {
      throw new UsageException("--otlp: expected http(s)://HOST:PORT, got '" + otlp + "'");
    }
  }

  /**
   * {@code --dashboard} takes an address only when one follows: {@code run --dashboard
   * scenario.yaml} must leave the scenario file to the command.
   */
  static final class OptionalAddress implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
      String value = ANY_LOOPBACK_PORT;
      if (!args.isEmpty() && HostPort.looksLike(args.peek())) {
        value = args.pop();
      }
      argSpec.setValue(value);
    }
  }
}
