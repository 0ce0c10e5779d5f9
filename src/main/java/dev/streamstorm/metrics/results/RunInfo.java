package dev.streamstorm.metrics.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What ran and how it ended.
 *
 * @param scenario scenario name
 * @param source the scenario file, or "-" for a flag-only run
 * @param target target URL with credentials removed
 * @param protocol sse or websocket
 * @param preset the wire format preset
 * @param load a description of the load model (model, users or rate, stages, limits)
 * @param headers request headers with secrets redacted
 * @param startedAt ISO-8601 start instant
 * @param durationSeconds wall-clock length of the load phase
 * @param measuredSeconds the part of it after warm-up, which rates are computed over
 * @param endReason what ended the run: duration, iterations, maxMessages, maxTokens, data,
 *     interrupted (Ctrl-C), aborted (a threshold), completed (every user finished)
 * @param seed the seed of every random choice
 * @param stages stage boundaries in seconds from the start, for charts
 * @param partial true when some of the load was lost (an agent, a Ctrl-C)
 * @param lost the agents a distributed run lost, with their share of the load; null when none
 * @param network how the target was reached: HTTP version, TLS trust, proxy; null when not known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunInfo(
    String scenario,
    String source,
    String target,
    String protocol,
    String preset,
    Map<String, Object> load,
    Map<String, String> headers,
    String startedAt,
    double durationSeconds,
    double measuredSeconds,
    String endReason,
    long seed,
    List<Double> stages,
    boolean partial,
    List<LostAgent> lost,
    Network network) {

  /**
   * How connections were made. Never holds a secret: the proxy is shown without its credentials.
   *
   * @param http http1, h2 or h2c
   * @param tls how the server's certificate was checked (https:// and wss:// targets only), e.g.
   *     "the JVM's default trust store", "ca certs/ca.pem", or "INSECURE: ..."; null without TLS
   * @param clientCertificate true when a client certificate was offered (mutual TLS); null without
   * @param proxy the proxy and where it came from, e.g. "http://proxy:3128 (from HTTPS_PROXY)";
   *     null when connecting directly
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Network(String http, String tls, Boolean clientCertificate, String proxy) {

    /** True when TLS certificates were not checked at all. */
    public boolean insecure() {
      return tls != null && tls.startsWith("INSECURE");
    }
  }

  /** A run whose agents, if any, were all kept. */
  public RunInfo(
      String scenario,
      String source,
      String target,
      String protocol,
      String preset,
      Map<String, Object> load,
      Map<String, String> headers,
      String startedAt,
      double durationSeconds,
      double measuredSeconds,
      String endReason,
      long seed,
      List<Double> stages,
      boolean partial,
      List<LostAgent> lost) {
    this(
        scenario,
        source,
        target,
        protocol,
        preset,
        load,
        headers,
        startedAt,
        durationSeconds,
        measuredSeconds,
        endReason,
        seed,
        stages,
        partial,
        lost,
        null);
  }

  /** A run that lost no agent. */
  public RunInfo(
      String scenario,
      String source,
      String target,
      String protocol,
      String preset,
      Map<String, Object> load,
      Map<String, String> headers,
      String startedAt,
      double durationSeconds,
      double measuredSeconds,
      String endReason,
      long seed,
      List<Double> stages,
      boolean partial) {
    this(
        scenario,
        source,
        target,
        protocol,
        preset,
        load,
        headers,
        startedAt,
        durationSeconds,
        measuredSeconds,
        endReason,
        seed,
        stages,
        partial,
        null);
  }

  /** A copy recording the agents lost; the run becomes partial. */
  public RunInfo withLost(List<LostAgent> agents) {
    return new RunInfo(
        scenario,
        source,
        target,
        protocol,
        preset,
        load,
        headers,
        startedAt,
        durationSeconds,
        measuredSeconds,
        endReason,
        seed,
        stages,
        true,
        List.copyOf(agents),
        network);
  }

  /** A copy saying how the target was reached. */
  public RunInfo withNetwork(Network n) {
    return new RunInfo(
        scenario,
        source,
        target,
        protocol,
        preset,
        load,
        headers,
        startedAt,
        durationSeconds,
        measuredSeconds,
        endReason,
        seed,
        stages,
        partial,
        lost,
        n);
  }
}
